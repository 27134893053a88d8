/**
 * What every network-lab spec file does around its tests, said once: skip (with a notice) where the
 * lab cannot run, build the lab before the file and take it down after (after `cleanup`, e.g. lifting
 * an impairment), close each test's pages, and start a staged date between a seeded matched pair.
 */
import { CallView, ChatView } from '@flint/qa';
import { type Browser, test } from '@playwright/test';
import { type Lab, labUnavailable, startLab } from './lab.ts';

/** Seeded user `i` (FLINT_SEED_USERS in netlab.config.ts): load0001, load0002, … */
const seeded = (i: number) => `load${String(i).padStart(4, '0')}`;

export function useLab(cleanup: () => void = () => undefined) {
  const unavailable = labUnavailable();
  test.skip(unavailable !== null, unavailable ?? '');
  if (unavailable) console.log(`[netlab] skipped: ${unavailable}`);

  let lab: Lab | undefined;
  test.beforeAll(async () => {
    lab = await startLab();
  });
  test.afterAll(async () => {
    cleanup();
    await lab?.stop();
  });
  let open: CallView[] = [];
  test.afterEach(async () => {
    cleanup();
    await Promise.all(open.map((side) => side.close()));
    open = [];
  });

  return {
    /**
     * Matched pair `pair` (load0001 + load0002 for 1, …): the callee waits on the chat list, the
     * caller calls from their conversation, the callee accepts; both are in stage 1.
     */
    async date(browser: Browser, pair: number): Promise<[CallView, CallView]> {
      const callee = await CallView.signIn(browser, seeded(2 * pair), '/chat');
      const caller = await CallView.signIn(browser, seeded(2 * pair - 1), '/chat');
      open.push(callee, caller);
      await new ChatView(caller.app).openWith(`Load ${seeded(2 * pair).slice(4)}`);
      await caller.button('Start staged call').click();
      await callee.expectState('RINGING');
      await callee.button('Accept').click();
      await caller.expectState('STAGE_ACTIVE', 1);
      await callee.expectState('STAGE_ACTIVE', 1);
      return [caller, callee];
    },
  };
}
