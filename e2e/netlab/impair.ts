/**
 * A bad network for the lab's media: random loss and a narrow, queueing bottleneck on every packet
 * to the lab's addresses. This machine's kernel has no netem (CONFIG_NET_SCH_NETEM is not set:
 * `tc qdisc add … netem` answers "Specified qdisc kind is unknown"), and both browsers and coturn
 * live in one namespace, so their packets cross `lo`, never the veth. What the kernel does have:
 * - loss: iptables' `statistic` match drops a random share of the UDP packets to the lab subnet;
 * - delay: an HTB class on `lo` for the lab subnet (u32 filter) with a low rate and a short FIFO,
 *   so media queues there (up to `limit` packets) and its round trip grows with the queue. Every
 *   other packet on `lo` (the app's HTTP and Socket.IO) goes through a class with no real limit.
 * Every media packet crosses `lo` twice (to the relay and from it), so each impairment applies twice.
 */
import { execFileSync } from 'node:child_process';

const SUBNET = '198.51.100.0/24';
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const LOSS = ['-d', SUBNET, '-p', 'udp', '-m', 'statistic', '--mode', 'random'];
/** The loss rule in force, to delete it exactly. */
let lossRule: string[] | null = null;

export interface Impairment {
  /** Share of packets dropped, 0..1. */
  loss: number;
  /** The bottleneck's rate, e.g. `400kbit`, and its queue in packets. */
  rate: string;
  limit: number;
}

export function impair({ loss, rate, limit }: Impairment): void {
  lossRule = [...LOSS, '--probability', String(loss), '-j', 'DROP'];
  run('iptables', '-I', 'OUTPUT', '1', ...lossRule);
  run('tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10', 'r2q', '100000');
  run('tc', 'class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit');
  run('tc', 'class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', rate, 'ceil', rate);
  run('tc', 'qdisc', 'add', 'dev', 'lo', 'parent', '1:20', 'handle', '20:', 'pfifo', 'limit', String(limit));
  run(
    'tc',
    'filter',
    'add',
    'dev',
    'lo',
    'parent',
    '1:',
    'protocol',
    'ip',
    'prio',
    '1',
    'u32',
    'match',
    'ip',
    'dst',
    SUBNET,
    'flowid',
    '1:20',
  );
}

/** Back to a clean link (harmless when nothing is impaired). */
export function repair(): void {
  try {
    run('tc', 'qdisc', 'del', 'dev', 'lo', 'root');
  } catch {
    // nothing was there
  }
  if (lossRule) run('iptables', '-D', 'OUTPUT', ...lossRule);
  lossRule = null;
}
