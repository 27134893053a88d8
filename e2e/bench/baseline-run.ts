/**
 * The same call as flintRun, on the baseline page (baseline.html) in two fresh browser contexts:
 * "accept" is the moment the callee's page is told to answer; "both voted yes" is the moment the
 * callee's page is told to resume after both pages paused (capture stopped, senders cleared), and
 * resuming re-acquires getUserMedia and puts the tracks back on the same connection
 * (replaceTrack, plus addTrack and one renegotiation when video is new after a voice stage).
 */
import type { Browser, Page } from '@playwright/test';
import type { CallSample } from './flint-run.ts';
import { bothSides, firstAudio, firstFrameAfter, instrument } from './probe.ts';

export interface BaselineRunOptions {
  url: string;
  first: 'audio' | 'video';
  stages: number;
  stepMs: number;
  /** Time between the pause and the resume, as a stand-in for the intermission. */
  intermissionMs: number;
}

interface BasePage {
  joined: Promise<void>;
  accept(kind: string): number;
  pause(): Promise<void>;
  resume(kind: string): number;
  hangUp(): void;
}

declare global {
  interface Window {
    base: BasePage;
  }
}

let rooms = 0;

async function open(browser: Browser, url: string, room: string, role: string, stepMs: number): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await instrument(context);
  const page = await context.newPage();
  page.setDefaultTimeout(stepMs);
  await page.goto(`${url}/?room=${room}&role=${role}`);
  await page.evaluate(() => window.base.joined);
  return page;
}

export async function baselineRun(browser: Browser, opts: BaselineRunOptions): Promise<CallSample> {
  const room = `room-${process.pid}-${++rooms}`;
  const caller = await open(browser, opts.url, room, 'caller', opts.stepMs);
  const callee = await open(browser, opts.url, room, 'callee', opts.stepMs);
  try {
    const accepted = await callee.evaluate((kind) => window.base.accept(kind), opts.first);
    const arrived = (page: Page) => (opts.first === 'audio' ? firstAudio(page, opts.stepMs) : firstFrameAfter(page, accepted, opts.stepMs));
    const sample: CallSample = { accept: await bothSides(accepted, [arrived(caller), arrived(callee)]), votes: [] };

    for (let stage = 2; stage <= opts.stages; stage++) {
      await Promise.all([caller.evaluate(() => window.base.pause()), callee.evaluate(() => window.base.pause())]);
      await new Promise((r) => setTimeout(r, opts.intermissionMs));
      const voted = await callee.evaluate(() => window.base.resume('video'));
      sample.votes.push(await bothSides(voted, [firstFrameAfter(caller, voted, opts.stepMs), firstFrameAfter(callee, voted, opts.stepMs)]));
    }

    await Promise.all([caller.evaluate(() => window.base.hangUp()), callee.evaluate(() => window.base.hangUp())]);
    return sample;
  } finally {
    await Promise.all([caller.context().close(), callee.context().close()]);
  }
}
