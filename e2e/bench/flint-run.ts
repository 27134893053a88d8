/**
 * One staged date between the seeded, matched ava (caller) and ben (callee), driven through
 * `<flint-call>`'s public API and accessible names (ARCHITECTURE §7), in two fresh browser contexts.
 * Marks are taken in the page in the same evaluate that calls `accept()` / `vote(true)`, so no
 * Playwright round trip sits between the mark and the action.
 */

import type { StoreGlobal } from '@flint/qa';
import type { Browser, Page } from '@playwright/test';
import { bothSides, firstAudio, firstFrameAfter, instrument } from './probe.ts';

export interface CallSample {
  /** Accept → stage 1's first media on both sides (audio packets or a decoded frame), ms. */
  accept: number;
  /** For each later stage: the second "yes" → first decoded remote frame on both sides, ms. */
  votes: number[];
  /** Flint only, per measured mark (accept, then each vote): when both sides reached each phase. */
  phases?: Phases[];
}

/** ms from the mark until BOTH sides had entered the stage's gate, passed it, and started the stage. */
export interface Phases {
  gate: number;
  ready: number;
  active: number;
}

/** From `<flint-call>`'s public state changes recorded on each page (probe.js). */
async function phases(pages: Page[], mark: number, stage: number): Promise<Phases> {
  const lists = await Promise.all(pages.map((page) => page.evaluate(() => window.__bench.states)));
  const reached = (states: string[]) =>
    Math.max(...lists.map((list) => list.find((s) => s.t >= mark && s.stage === stage && states.includes(s.state))?.t ?? NaN)) - mark;
  return { gate: reached(['CHECKING_DEVICES', 'NEXT_STAGE']), ready: reached(['CONNECTING']), active: reached(['STAGE_ACTIVE']) };
}

export interface FlintRunOptions {
  url: string;
  /** Media of stage 1: what "first media" means after accept. */
  first: 'audio' | 'video';
  /** Stages to go through (the server's plan must have at least as many). */
  stages: number;
  /** Bound on every wait. */
  stepMs: number;
}

const call = (page: Page) => page.locator('flint-call');

async function signIn(browser: Browser, url: string, username: string, path: string, stepMs: number): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await instrument(context);
  const page = await context.newPage();
  page.setDefaultTimeout(stepMs);
  await page.goto(`${url}${path}?as=${username}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.waitForFunction(() => {
    const store = (globalThis as unknown as StoreGlobal)[Symbol.for('flint.realtime.socket-store')];
    return store?.$connection.get().status === 'connected';
  });
  return page;
}

function inState(page: Page, state: string, stage?: number): Promise<void> {
  const selector = stage === undefined ? `flint-call[state="${state}"]` : `flint-call[state="${state}"][stage="${stage}"]`;
  return page.locator(selector).waitFor({ state: 'attached' });
}

/** Where a side is, for a failure's message: its last public states and how much media it saw. */
function where(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const { states, frames, audioFirst, peers } = window.__bench;
      const last = states.slice(-4).map((s) => `${s.state}@${s.stage}`);
      const pcs = peers.map(
        (pc) =>
          `signaling ${pc.signalingState} (local ${pc.localDescription?.type ?? 'none'}, remote ${pc.remoteDescription?.type ?? 'none'}), ice ${pc.iceConnectionState}, ${pc.connectionState}`,
      );
      return `states …${last.join(' → ')}, ${frames.length} remote frames, audio ${audioFirst ? 'yes' : 'no'}, connections [${pcs.join(', ')}]`;
    })
    .catch((error: Error) => `unreadable (${error.message})`);
}

export async function flintRun(browser: Browser, opts: FlintRunOptions): Promise<CallSample> {
  const ben = await signIn(browser, opts.url, 'ben', '/chat', opts.stepMs);
  const ava = await signIn(browser, opts.url, 'ava', '/chat', opts.stepMs);
  try {
    // The call remote loads lazily; a click before <flint-call> is up would start nothing.
    await Promise.all([inState(ava, 'IDLE'), inState(ben, 'IDLE')]);
    await ava.getByRole('link', { name: 'Ben', exact: true }).click();
    await ava.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await ava.getByRole('button', { name: 'Start staged call', exact: true }).click();
    await inState(ben, 'RINGING');

    const accepted = await call(ben).evaluate((el: HTMLElement & { accept(): void }) => {
      const mark = window.__bench.now();
      el.accept();
      return mark;
    });
    const arrived = (page: Page) => (opts.first === 'audio' ? firstAudio(page, opts.stepMs) : firstFrameAfter(page, accepted, opts.stepMs));
    const sample: CallSample = { accept: await bothSides(accepted, [arrived(ava), arrived(ben)]), votes: [], phases: [] };
    await Promise.all([inState(ava, 'STAGE_ACTIVE', 1), inState(ben, 'STAGE_ACTIVE', 1)]);
    sample.phases!.push(await phases([ava, ben], accepted, 1));

    for (let stage = 2; stage <= opts.stages; stage++) {
      await Promise.all([inState(ava, 'INTERMISSION', stage - 1), inState(ben, 'INTERMISSION', stage - 1)]);
      // ava says yes first; ben's yes is "both voted" once the server has told him ava decided.
      await call(ava).evaluate((el: HTMLElement & { vote(proceed: boolean): void }) => el.vote(true));
      await ben.locator('flint-call [part=live]', { hasText: 'The other person has decided' }).waitFor({ state: 'attached' });
      const voted = await call(ben).evaluate((el: HTMLElement & { vote(proceed: boolean): void }) => {
        const mark = window.__bench.now();
        el.vote(true);
        return mark;
      });
      sample.votes.push(await bothSides(voted, [firstFrameAfter(ava, voted, opts.stepMs), firstFrameAfter(ben, voted, opts.stepMs)]));
      await Promise.all([inState(ava, 'STAGE_ACTIVE', stage), inState(ben, 'STAGE_ACTIVE', stage)]);
      sample.phases!.push(await phases([ava, ben], voted, stage));
    }

    // Hang up and wait until both sides know, so the next run's call is not "busy".
    await call(ava).evaluate((el: HTMLElement & { hangUp(): void }) => el.hangUp());
    await Promise.all([inState(ava, 'FINISHED'), inState(ben, 'FINISHED')]);
    return sample;
  } catch (error) {
    const failed = new Error(`call did not complete; ava: ${await where(ava)}; ben: ${await where(ben)}`, { cause: error });
    // End the session on the server now, or the next run's call would find both users busy.
    await Promise.all(
      [ava, ben].map((page) =>
        call(page)
          .evaluate((el: HTMLElement & { hangUp(): void }) => el.hangUp(), null, { timeout: 5_000 })
          .catch(() => {}),
      ),
    );
    await Promise.all(
      [ava, ben].map((page) =>
        page
          .locator('flint-call:is([state="FINISHED"], [state="FAILED"], [state="IDLE"])')
          .waitFor({ state: 'attached', timeout: 5_000 })
          .catch(() => {}),
      ),
    );
    throw failed;
  } finally {
    await Promise.all([ava.context().close(), ben.context().close()]);
  }
}
