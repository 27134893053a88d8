/**
 * The real server process (`server/src/main.ts`, PGlite on disk) and its signals: a stdout nobody
 * reads never freezes it, a shutdown that hangs ends at FLINT_SHUTDOWN_TIMEOUT_S with a log line
 * naming what was still open, and a second signal ends it at once. A request whose body never
 * arrives keeps the HTTP server from closing (requests in flight are waited for), which is the
 * hang these tests use.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { type ServerProcess as Server, startServer, stopAllServers } from './test-support/process.ts';

/** Opens a POST whose declared body never fully arrives: a request in flight that never ends. */
function hangingRequest(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/dev/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"us`,
      );
      // Give the server a moment to parse the head, so the request is in flight when the signal comes.
      setTimeout(() => resolve(socket), 300);
    });
    socket.on('error', reject);
  });
}

const logged = (s: Server, text: string) => s.lines.find((l) => String(l.msg).includes(text));

after(() => stopAllServers());

/** Each test starts a server process (tsx, PGlite on disk, migrations): tens of seconds on a busy machine. */
const SLOW = { timeout: 180_000 };

describe('the server process on a signal', () => {
  it('keeps answering while nobody reads its stdout, and still exits 0 on SIGTERM', SLOW, async () => {
    const s = await startServer();
    // Stop reading: the pipe fills after a few hundred request log lines. A synchronous logger
    // would then block the event loop on its next write, and every request after it would hang.
    s.child.stdout!.removeAllListeners('data');
    s.child.stdout!.pause();
    for (let i = 0; i < 1_500; i += 10) {
      const batch = Array.from({ length: 10 }, () => fetch(`${s.url}/api/health`).then((r) => r.status));
      assert.deepEqual(await Promise.all(batch), Array(10).fill(200), `health answers after ${i} requests`);
    }
    s.child.kill('SIGTERM');
    assert.deepEqual(await s.exited, { code: 0, signal: null }, 'a clean shutdown with the pipe still full');
  });

  it('exits non-zero after FLINT_SHUTDOWN_TIMEOUT_S, naming the step it was stuck in and what was open', SLOW, async () => {
    const s = await startServer({ FLINT_SHUTDOWN_TIMEOUT_S: '1' });
    const hanging = await hangingRequest(s.url);
    s.child.kill('SIGTERM');
    const { code } = await s.exited;
    hanging.destroy();
    assert.equal(code, 1, 'exit code');
    const line = logged(s, 'shutdown did not finish within 1 s');
    assert.ok(line, `the deadline was logged: ${JSON.stringify(s.lines.slice(-3))}`);
    assert.equal(line.step, 'http server (requests in flight)');
    assert.ok((line.open as Record<string, number>).TCPSocketWrap >= 1, `open resources named: ${JSON.stringify(line.open)}`);
    assert.ok(!logged(s, 'shut down'), 'close never finished');
  });

  it('exits at once on a second signal while the shutdown hangs', SLOW, async () => {
    // A deadline far beyond this test's own timeout: only the second signal can end the process in time.
    const s = await startServer({ FLINT_SHUTDOWN_TIMEOUT_S: '600' });
    const hanging = await hangingRequest(s.url);
    s.child.kill('SIGTERM');
    await waitUntil(() => logged(s, 'shutting down'));
    s.child.kill('SIGTERM');
    const { code } = await s.exited;
    hanging.destroy();
    assert.equal(code, 1, 'exit code');
    const line = logged(s, 'second signal');
    assert.ok(line, `the second signal was logged: ${JSON.stringify(s.lines.slice(-3))}`);
    assert.equal(line.step, 'http server (requests in flight)');
  });
});

async function waitUntil(check: () => unknown): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 50));
}
