/** The handshake's protocol version: current and previous minor connect; an older page is told to reload. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../test-support/harness.ts';

describe('handshake protocol version (a server speaking 3.4)', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ protocolVersion: '3.4' });
    token = (await t.login('ava')).token;
  });
  after(() => t?.close());

  const connect = (protocol: unknown) => t.connect(token, { auth: protocol === undefined ? { token } : { token, protocol } });

  it('accepts the current and the previous minor version', async () => {
    assert.equal((await connect('3.4')).connected, true);
    assert.equal((await connect('3.3')).connected, true);
  });

  it('refuses an older page with connect_error "outdated", naming the version it speaks', async () => {
    for (const old of ['3.2', '2.9', undefined, 'garbage', 42]) {
      await assert.rejects(connect(old), (err: Error & { data?: unknown }) => {
        assert.equal(err.message, 'outdated', `protocol ${String(old)}`);
        assert.deepEqual(err.data, { protocol: '3.4' });
        return true;
      });
    }
  });

  it('says "outdated" before checking the token, so a stale page learns to reload first', async () => {
    await assert.rejects(t.connect('not-a-token', { auth: { token: 'not-a-token', protocol: '1.0' } }), /outdated/);
    await assert.rejects(t.connect('not-a-token', { auth: { token: 'not-a-token', protocol: '3.4' } }), /unauthorized/);
  });
});
