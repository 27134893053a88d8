/**
 * The network lab (issue 9): staged dates between two browsers that cannot reach each other
 * directly, through a real coturn with the server's REST credentials, or through nothing at all.
 * Run by `npm run test:netlab` (scripts/netlab.mjs), which needs root and starts this inside a
 * private network namespace; e2e/netlab/lab.ts builds the veth pair, firewall and coturn there.
 * Its own port and data directory, so it can run beside the main e2e suite.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_PATH, CHROMIUM_ARGS } from '@flint/qa';
import { defineConfig } from '@playwright/test';
import { TURN_IP, TURN_PORT, TURN_SECRET } from './netlab/lab.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.NETLAB_PORT ?? 3200);

export default defineConfig({
  testDir: './netlab',
  outputDir: path.join(root, '.tmp', `netlab-results-${PORT}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    // No loopback candidates: the only paths between the two browsers are the lab's interfaces.
    launchOptions: { executablePath: CHROME_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--allow-loopback-in-peer-connection') },
  },
  webServer: {
    command: 'node scripts/start.mjs',
    cwd: root,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      FLINT_DATA_DIR: path.join(root, '.tmp', `netlab-data-${process.pid}`),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Stage 2 (video) is long enough for quality.spec.ts to impair the link and let it recover.
      FLINT_STAGE_PLAN: 'audio:40,video:60',
      // A matched pair per test (load0001 + load0002, …): a failed test's call never leaks into the next.
      // networks.spec.ts uses pairs 1-3, quality.spec.ts pair 4, recovery.spec.ts pair 6.
      FLINT_SEED_USERS: '12',
      FLINT_RING_TIMEOUT_S: '10',
      FLINT_RECONNECT_GRACE_S: '30',
      // The lab has no internet: no public STUN server; TURN is the lab's coturn, over UDP and TCP.
      FLINT_STUN_URLS: '',
      TURN_URLS: `turn:${TURN_IP}:${TURN_PORT}?transport=udp,turn:${TURN_IP}:${TURN_PORT}?transport=tcp`,
      TURN_SECRET,
    },
  },
});
