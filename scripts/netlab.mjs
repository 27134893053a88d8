#!/usr/bin/env node
/**
 * `npm run test:netlab`: the network lab (e2e/netlab). It needs root (veth pairs, iptables, coturn);
 * elsewhere it says so and skips. As root it installs Debian's coturn and iptables when missing, then
 * runs Playwright inside a private network namespace (`unshare -n`), so the lab's interfaces,
 * firewall rules and TURN server vanish with it and never touch this machine's network.
 */
import { spawnSync } from 'node:child_process';

if (process.getuid?.() !== 0) {
  console.log('[netlab] skipped: the network lab needs root (ip link, iptables, coturn); CI runs it as root');
  process.exit(0);
}
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
if (!has('turnserver') || !has('iptables')) {
  console.log('[netlab] installing coturn and iptables with apt-get…');
  spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq coturn iptables'], { stdio: 'inherit' });
}
const args = process.argv
  .slice(2)
  .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
  .join(' ');
const cmd = `ip link set lo up && npx playwright test -c e2e/netlab.config.ts ${args}`;
const { status } = spawnSync('unshare', ['-n', 'sh', '-c', cmd], { stdio: 'inherit' });
process.exit(status ?? 1);
