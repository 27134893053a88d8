/**
 * One process per PGlite data dir. PGlite (PostgreSQL in WebAssembly) keeps no lock of its own, so
 * two processes opening one dir each write over the other's pages and a write is lost. The lock is
 * a file beside the dir (`<dir>.lock`) created exclusively and holding the owner's pid; a lock whose
 * owner is gone (killed, crashed) is taken over, so a restart after a crash is never refused.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

/** Locks this process took (a second open of the same dir in one process is refused too). */
const held = new Set<string>();

interface Owner {
  pid: number;
  host: string;
}

function readOwner(lockPath: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : null;
  } catch {
    return null;
  }
}

/**
 * Alive, and (where /proc tells) a Node process: a recycled pid that now belongs to something else
 * (a container restarted with the same pids) does not hold the dir. Our own pid without our own
 * lock is a previous life of this process id, so not alive either.
 */
function ownerAlive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process: we cannot tell, so never steal
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return /node/.test(readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** Takes the dir's lock or throws DataDirLockedError naming who holds it. Returns the release. */
export function lockDataDir(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  const refuse = (owner: Owner | null) =>
    new DataDirLockedError(
      `The data dir ${dir} is in use by another Flint server (pid ${owner?.pid ?? 'unknown'} on ${owner?.host ?? 'unknown'}). ` +
        'Stop it first, or give this one its own FLINT_DATA_DIR.',
    );
  if (held.has(lockPath)) throw refuse({ pid: process.pid, host: hostname() });
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockPath, mine, { flag: 'wx' });
      held.add(lockPath);
      return () => {
        held.delete(lockPath);
        if (readOwner(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(lockPath);
    // A file still being written by its owner reads as null: treat it as held.
    if (!owner || ownerAlive(owner)) throw refuse(owner);
    // Stale. Move it aside atomically (of two processes doing this, one rename wins) and retry.
    const aside = `${lockPath}.stale-${process.pid}`;
    try {
      renameSync(lockPath, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && moved.pid !== owner.pid && ownerAlive(moved)) {
      // We moved a fresh lock another process took meanwhile: put it back and give way.
      renameSync(aside, lockPath);
      throw refuse(moved);
    }
    rmSync(aside, { force: true });
  }
  throw refuse(readOwner(lockPath));
}
