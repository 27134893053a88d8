/**
 * One process per PGlite data dir: a second server on the same dir is refused with a clear error and
 * exits (two real processes), while the first keeps serving; a lock left by a process that is gone
 * is taken over (a restart after a crash); one process cannot open a dir twice either.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ExitedEarly, freshDataDir, startServer, stopAllServers } from '../test-support/process.ts';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

after(() => stopAllServers());

describe('the PGlite data dir lock', () => {
  it('refuses a second server process on the same data dir, which exits with a clear error', { timeout: 180_000 }, async () => {
    const dataDir = freshDataDir();
    const first = await startServer({}, dataDir);
    const second = await startServer({}, dataDir).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(second instanceof ExitedEarly, `the second server did not stop: ${String(second)}`);
    assert.equal(second.code, 1, 'exit code');
    const fatal = second.lines.find((l) => String(l.msg).includes('in use by another Flint server'));
    assert.ok(fatal, `a clear error: ${JSON.stringify(second.lines.slice(-2))}`);
    assert.match(String(fatal.msg), new RegExp(`pid ${first.child.pid}`));
    assert.equal((await fetch(`${first.url}/api/health`)).status, 200, 'the first server still serves');
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0);
    assert.ok(!existsSync(`${dataDir}/pglite.lock`), 'the lock is released on a clean exit');
  });

  it('takes over a lock whose process is gone, and refuses a second lock in the same process', () => {
    const dir = path.join(tmpdir(), `flint-lock-${process.pid}-${Date.now()}`);
    // A pid far above Linux's pid_max: no such process.
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 30, host: hostname() }));
    const release = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
    release();
    assert.ok(!existsSync(`${dir}.lock`), 'released');
    lockDataDir(dir)();
  });
});
