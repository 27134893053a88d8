/**
 * In-page instrumentation (probe.js), the same for Flint's pages and the baseline's, so both pay the same
 * measuring cost. Every timestamp is `performance.timeOrigin + t`: one wall clock for every page of
 * the machine, with sub-millisecond resolution, so a mark taken in one page and a frame seen in
 * the other can be subtracted.
 *
 * - Video: every remote video track (seen through the `track` event of every RTCPeerConnection the
 *   page opens) gets a hidden probe `<video>`; `requestVideoFrameCallback` records the
 *   `presentationTime` of each decoded frame handed to the compositor. Exact, no polling.
 * - Audio: from the first `track` event of a connection, its inbound audio RTP counter is polled
 *   with `getStats()` every AUDIO_POLL_MS until a packet has arrived. The figure is late by at
 *   most that interval plus one getStats call.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';

export const AUDIO_POLL_MS = 10;

interface BenchProbe {
  /** Wall-clock time of every decoded remote frame, in order. */
  frames: number[];
  /** Wall-clock time a connection of this page first counted an inbound audio packet. */
  audioFirst: number | null;
  /** `<flint-call>`'s public state changes (Flint pages only), with their wall-clock time. */
  states: Array<{ state: string; stage: number; t: number }>;
  /** Every connection the page opened (for a failure's diagnosis). */
  peers: RTCPeerConnection[];
  now(): number;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

const source = readFileSync(new URL('./probe.js', import.meta.url), 'utf8');

/** Instruments every page of `context` (probe.js) before the page's own scripts run. */
export async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: `${source}\ninstrument(${AUDIO_POLL_MS});` });
}

/** The first decoded remote frame after `mark` (wall-clock ms), waiting up to `timeoutMs`. */
export async function firstFrameAfter(page: Page, mark: number, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction((m) => window.__bench.frames.find((t) => t > m) ?? false, mark, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

/** When the page's connection first counted an inbound audio packet, waiting up to `timeoutMs`. */
export async function firstAudio(page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(() => window.__bench.audioFirst ?? false, undefined, { timeout: timeoutMs, polling: 50 });
  return (await handle.jsonValue()) as number;
}

/** Time from `mark` until media reached BOTH pages (the later of the two), in ms. */
export async function bothSides(mark: number, sides: Array<Promise<number>>): Promise<number> {
  return Math.max(...(await Promise.all(sides))) - mark;
}
