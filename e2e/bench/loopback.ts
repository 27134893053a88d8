/**
 * Keeps a browser bench's media on this machine: as root, the same command runs again inside a
 * private network namespace with only `lo` up (as scripts/test.mjs does for the browser suites).
 * FLINT_NETNS=0 turns it off; elsewhere (not root, no unshare) the bench runs as it is.
 */
import { spawnSync } from 'node:child_process';

/** Runs `script` again inside `unshare -n` with only `lo` up and returns its exit code; null when it does not apply. */
export function inLoopbackNamespace(script: string): number | null {
  if (process.env.FLINT_NETNS === '0' || process.env.FLINT_BENCH_IN_NETNS === '1' || process.getuid?.() !== 0) return null;
  if (spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status !== 0) return null;
  const argv = [process.execPath, ...process.execArgv, script, ...process.argv.slice(2)];
  const child = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', ...argv], {
    stdio: 'inherit',
    env: { ...process.env, FLINT_BENCH_IN_NETNS: '1' },
  });
  return child.status ?? 1;
}
