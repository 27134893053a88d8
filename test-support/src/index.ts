/**
 * The one test-support module of every package's browser tests (web-test-runner, real Chromium, the
 * real Flint server): chai's `assert` and `expect` with the DOM and accessibility (axe) plugins from
 * @open-wc/testing, one poll-until helper, and the real server's users and API.
 */
export { assert, expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
export * from './flint-server.ts';
export { setStorageQuota } from './storage-quota.ts';
export { sleep, until, WAIT_MS } from './until.ts';
