/**
 * The cluster suite (`npm test -- cluster`): flows through a real nginx in front of two server
 * processes on PostgreSQL and Redis, started by the same launcher as `npm run cluster`
 * (scripts/cluster.ts). Each spec file starts its own cluster on a free block of ports with a fresh
 * database; without TEST_DATABASE_URL and TEST_REDIS_URL every test is skipped with a notice. It
 * runs outside a network namespace (docs/decisions.md, "npm run cluster").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_PATH, CHROMIUM_ARGS } from '@flint/qa';
import { defineConfig } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  testDir: './cluster',
  outputDir: path.join(root, '.tmp', `cluster-results-${process.pid}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROME_PATH, args: CHROMIUM_ARGS },
  },
});
