/**
 * Calls across real networks (issue 9): two people in two browser contexts that cannot reach each
 * other directly (the lab's firewall drops every packet between them that is not for TURN). A real
 * coturn with the server's REST credentials carries the call, over UDP or, with UDP blocked, over
 * TCP; with no TURN either, both are told within 20 s that the call could not connect.
 */
import { CallView, ChatView } from '@flint/qa';
import { type Browser, expect, test } from '@playwright/test';
import { firewall, type Lab, labUnavailable, startLab } from './lab.ts';

const unavailable = labUnavailable();
test.skip(unavailable !== null, unavailable ?? '');
if (unavailable) console.log(`[netlab] skipped: ${unavailable}`);

let lab: Lab | undefined;
test.beforeAll(async () => {
  lab = await startLab();
});
test.afterAll(async () => {
  await lab?.stop();
});

let open: CallView[] = [];
test.afterEach(async () => {
  await Promise.all(open.map((side) => side.close()));
  open = [];
});

/**
 * Seeded matched pair `pair` (load0001 + load0002 for 1, …; FLINT_SEED_USERS in the config): the
 * callee waits on the chat list, the caller calls from their conversation, the callee accepts.
 */
async function date(browser: Browser, pair: number): Promise<[CallView, CallView]> {
  const name = (i: number) => `load${String(i).padStart(4, '0')}`;
  const callee = await CallView.signIn(browser, name(2 * pair), '/chat');
  const caller = await CallView.signIn(browser, name(2 * pair - 1), '/chat');
  open.push(callee, caller);
  await new ChatView(caller.app).openWith(`Load ${name(2 * pair).slice(4)}`);
  await caller.button('Start staged call').click();
  await callee.expectState('RINGING');
  await callee.button('Accept').click();
  await caller.expectState('STAGE_ACTIVE', 1);
  await callee.expectState('STAGE_ACTIVE', 1);
  return [caller, callee];
}

async function throughTurn(browser: Browser, pair: number, protocol: 'udp' | 'tcp') {
  const [ava, ben] = await date(browser, pair);
  const paths = [];
  for (const side of [ava, ben]) {
    await expect.poll(() => side.packetsReceived('audio'), { timeout: 15_000 }).toBeGreaterThan(10);
    const path = await side.selectedPath();
    expect([path?.local, path?.remote], 'the selected pair goes through TURN').toContain('relay');
    paths.push(path);
  }
  // One side at least sends through its own allocation; that side reaches coturn over `protocol`.
  const relayed = paths.filter((p) => p?.local === 'relay');
  expect(relayed.length, JSON.stringify(paths)).toBeGreaterThan(0);
  for (const p of relayed) expect(p?.relayProtocol, `to TURN over ${protocol}`).toBe(protocol);
  await ava.button('Hang up').click();
  await ben.expectState('FINISHED');
}

test('peers with no direct path meet through TURN with the server’s REST credentials', async ({ browser }) => {
  firewall('turn');
  await throughTurn(browser, 1, 'udp');
});

test('with UDP blocked too, they meet through TURN over TCP', async ({ browser }) => {
  firewall('turn-tcp-only');
  await throughTurn(browser, 2, 'tcp');
});

test('with no TURN and no direct path both are told within 20 s and the session ends media-failed', async ({ browser }) => {
  firewall('nothing');
  const [ava, ben] = await date(browser, 3);
  for (const side of [ava, ben]) {
    // The bound the issue sets, counted from the stage start (not a benchmark: the wait's limit).
    await side.expectState('FAILED', undefined, 20_000);
    await expect(side.page.getByText('The call could not connect', { exact: false })).toBeVisible();
  }
  // The host routes back to the conversation (flint-call-ended carried media-failed and the chat).
  await expect(ava.page).toHaveURL(/\/chat\/[0-9a-f-]{36}/);
  await expect(ben.page).toHaveURL(/\/chat\/[0-9a-f-]{36}/);
});
