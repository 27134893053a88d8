/**
 * The network lab: a veth pair, a firewall and a real coturn inside the PRIVATE network namespace
 * this run was started in (scripts/netlab.mjs runs Playwright under `unshare -n`). Facts it relies
 * on (docs/decisions.md, "Issue 9"):
 * - A namespace with only `lo` gives Chromium no ICE candidates at all (not even relay ones) unless
 *   loopback is allowed, so the lab adds a veth pair (TURN_IP and PEER_IP, both ends here).
 * - Both browsers run in this namespace; their host candidates are addresses of it, so every packet
 *   between them passes the OUTPUT chain. Accepting only the TURN port and the relay port range,
 *   then dropping the rest of the lab subnet, leaves no direct path: every call goes through coturn
 *   (at least one end of the selected pair is a relay candidate) or does not connect.
 * - The links also get IPv6 link-local addresses, a direct path iptables does not filter: ip6tables
 *   drops every IPv6 packet that does not stay on `lo`.
 * - coturn's relay ports (20000-20100) lie below the kernel's ephemeral range (32768-60999), where
 *   Chromium's own host ports come from, so allowing the relay range never lets a direct path through.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { connect } from 'node:net';

export const TURN_IP = '198.51.100.1';
const PEER_IP = '198.51.100.2';
const SUBNET = '198.51.100.0/24';
export const TURN_PORT = 3478;
export const TURN_SECRET = 'flint-netlab-secret';
const RELAY_PORTS = '20000:20100';
const [LINK_A, LINK_B] = ['flint9-a', 'flint9-b'];

/** Why the lab cannot run here, or null when it can (root, inside a private namespace, tools present). */
export function labUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the network lab needs root (ip link, iptables, coturn): run it as root, as CI does';
  // A private namespace has only loopback (and the lab's own links): never touch a real network's firewall.
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).match(/^\d+: ([^:@]+)/gm) ?? [];
  if (links.some((l) => !/^\d+: (lo|flint9-[ab])$/.test(l))) {
    return 'the network lab changes the firewall: run it in a private network namespace (npm run test:netlab)';
  }
  for (const tool of ['turnserver', 'iptables', 'ip6tables', 'ip']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing (npm run test:netlab installs coturn and iptables with apt-get)`;
    }
  }
  return null;
}

/** What may cross the firewall: the TURN server over UDP and TCP, over TCP only, or nothing at all. */
export type Paths = 'turn' | 'turn-tcp-only' | 'nothing';

const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

export function firewall(paths: Paths): void {
  // The links' IPv6 link-local addresses would be a direct path iptables never sees: IPv6 only on lo.
  run('ip6tables', '-F', 'OUTPUT');
  run('ip6tables', '-A', 'OUTPUT', '!', '-o', 'lo', '-j', 'DROP');
  run('iptables', '-F', 'OUTPUT');
  const accept = (...rule: string[]) => run('iptables', '-A', 'OUTPUT', '-d', SUBNET, ...rule, '-j', 'ACCEPT');
  if (paths !== 'nothing') {
    for (const proto of paths === 'turn' ? ['udp', 'tcp'] : ['tcp']) {
      accept('-p', proto, '--dport', String(TURN_PORT));
      accept('-p', proto, '--sport', String(TURN_PORT));
    }
    // The relay ports both ways, as a TURN server on the internet is reachable: a browser may send
    // from its host port to the other's relay address (media still goes through coturn). Allowing
    // only relay-to-relay was tried: no call connected and coturn logged `udp send: Operation not
    // permitted` for its relay sends (not understood yet; docs/decisions.md, Issue 9).
    accept('-p', 'udp', '--dport', RELAY_PORTS);
    accept('-p', 'udp', '--sport', RELAY_PORTS);
  }
  run('iptables', '-A', 'OUTPUT', '-d', SUBNET, '-j', 'DROP');
}

/**
 * The lab's link (the veth pair that carries every media path) goes down or comes back: a network
 * drop. Both ends' addresses are local to this namespace, so the kernel still delivers between them
 * over `lo` with the link down (seen: audio kept arriving); a DROP for the lab subnet at the head of
 * OUTPUT makes the drop real, and goes with the link's return.
 */
export function setLink(up: boolean): void {
  const cut = ['OUTPUT', '-d', SUBNET, '-j', 'DROP'];
  if (up) {
    run('ip', 'link', 'set', LINK_A, 'up');
    try {
      run('iptables', '-D', ...cut);
    } catch {
      // already gone (the link was never cut)
    }
  } else {
    run('iptables', '-I', ...cut);
    run('ip', 'link', 'set', LINK_A, 'down');
  }
}

export interface Lab {
  stop(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  run('ip', 'link', 'add', LINK_A, 'type', 'veth', 'peer', 'name', LINK_B);
  run('ip', 'addr', 'add', `${TURN_IP}/24`, 'dev', LINK_A);
  run('ip', 'addr', 'add', `${PEER_IP}/24`, 'dev', LINK_B);
  run('ip', 'link', 'set', LINK_A, 'up');
  run('ip', 'link', 'set', LINK_B, 'up');
  firewall('turn');
  const turn = spawn(
    'turnserver',
    [
      '-n',
      `--listening-ip=${TURN_IP}`,
      `--relay-ip=${TURN_IP}`,
      `--listening-port=${TURN_PORT}`,
      '--use-auth-secret',
      `--static-auth-secret=${TURN_SECRET}`,
      '--realm=flint.test',
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      `--min-port=${RELAY_PORTS.split(':')[0]}`,
      `--max-port=${RELAY_PORTS.split(':')[1]}`,
      '--log-file=stdout',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log: string[] = [];
  for (const stream of [turn.stdout, turn.stderr]) stream?.on('data', (d: Buffer) => log.push(d.toString()));
  await listening(turn, log);
  return {
    async stop() {
      if (process.env.NETLAB_DEBUG) console.log(log.join(''), execFileSync('iptables', ['-L', 'OUTPUT', '-v', '-n'], { encoding: 'utf8' }));
      turn.kill('SIGTERM');
      await new Promise((resolve) => (turn.exitCode === null ? turn.once('exit', resolve) : resolve(null)));
      run('iptables', '-F', 'OUTPUT');
      run('ip6tables', '-F', 'OUTPUT');
      run('ip', 'link', 'del', LINK_A);
    },
  };
}

/** Waits until coturn accepts TCP on its port (it listens on UDP at the same moment). */
async function listening(turn: ChildProcess, log: string[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (turn.exitCode !== null) throw new Error(`coturn exited (${turn.exitCode}):\n${log.join('')}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(TURN_PORT, TURN_IP);
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('connect', () => done(true)).once('error', () => done(false));
      socket.setTimeout(500, () => done(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`coturn did not listen on ${TURN_IP}:${TURN_PORT}:\n${log.join('')}`);
}
