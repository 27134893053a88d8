import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALLOWED_ORIGIN, createTestApp, type TestApp } from '../test-support/harness.ts';

// The Origin check is HTTP-level (no database involved), so PGlite alone covers it.
describe('socket origin allowlist', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp();
    token = (await t.login('ava')).token;
  });
  after(() => t?.close());

  for (const transport of ['websocket', 'polling'] as const) {
    it(`refuses a foreign Origin over ${transport}`, async () => {
      await assert.rejects(
        t.connect(token, { transports: [transport], extraHeaders: { origin: 'http://evil.example' } }),
        (err: Error & { type?: string }) => {
          // Refused by allowRequest before any Socket.IO handshake: a transport error, not "unauthorized".
          assert.notEqual(err.message, 'unauthorized');
          return true;
        },
      );
    });

    it(`accepts an allowed Origin over ${transport}`, async () => {
      const socket = await t.connect(token, { transports: [transport], extraHeaders: { origin: ALLOWED_ORIGIN } });
      assert.equal(socket.io.engine.transport.name, transport);
    });
  }

  it('refuses a foreign Origin on a raw polling request too', async () => {
    const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.example' } });
    assert.equal(res.status, 403);
    const ok = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(ok.status, 200);
    // Close the engine.io session this handshake opened ("1" = close packet); otherwise the server
    // waits 30 s for a poll that never comes before letting it go.
    const { sid } = JSON.parse((await ok.text()).slice(1)) as { sid: string };
    const closed = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain' },
      body: '1',
    });
    assert.equal(closed.status, 200);
  });
});
