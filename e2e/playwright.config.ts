/**
 * End-to-end flows across host, call-remote and realtime-remote, against servers started exactly as
 * `npm start` does (fresh embedded database per run, short test timings, own PORT so a developer's
 * running instance never collides). Debian's Chromium with fake media devices; nothing downloads a
 * browser. Permissions are granted per context in the tests (never --use-fake-ui-for-media-stream).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_PATH, CHROMIUM_ARGS } from '@flint/qa';
import { defineConfig } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.join(root, '.tmp', `e2e-data-${process.pid}`);

export default defineConfig({
  testDir: './tests',
  // Per port, so concurrent runs on different E2E_PORTs never wipe each other's artifacts.
  outputDir: path.join(root, '.tmp', `e2e-results-${PORT}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROME_PATH, args: CHROMIUM_ARGS },
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
      FLINT_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      FLINT_STAGE_PLAN: process.env.FLINT_STAGE_PLAN ?? 'audio:6,video:6,video:6',
      FLINT_LIVE_PLAN: process.env.FLINT_LIVE_PLAN ?? 'video:6',
      FLINT_RING_TIMEOUT_S: process.env.FLINT_RING_TIMEOUT_S ?? '5',
      FLINT_DECISION_TIMEOUT_S: process.env.FLINT_DECISION_TIMEOUT_S ?? '8',
      FLINT_RECONNECT_GRACE_S: process.env.FLINT_RECONNECT_GRACE_S ?? '15',
      // After a page said it was closing (call:leaving): long enough for a reopened page to load and resume.
      FLINT_LEAVE_GRACE_S: process.env.FLINT_LEAVE_GRACE_S ?? '10',
      // No public STUN server: the suite runs sealed in a loopback-only network namespace.
      FLINT_STUN_URLS: process.env.FLINT_STUN_URLS ?? '',
    },
  },
});
