/**
 * Through the real balancer (nginx in front of two server processes, `npm run cluster`'s launcher):
 * a node dies under a call and a chat (kill -9) and a deploy restarts both nodes one after the other
 * (SIGTERM, start again), while two people in two browsers keep talking. Clients reconnect through
 * nginx to whichever node is up; the call, its deadlines and every message carry on, once, in order.
 */
import { CallView, ChatView, FlintApp } from '@flint/qa';
import { expect, type Page, test } from '@playwright/test';
import type { NodeName } from '../../scripts/cluster.ts';
import { nodeOf, type RunningCluster, SKIP, signInOn, startCluster } from './cluster-fixture.ts';

test.describe.configure({ mode: 'serial' });
test.skip(Boolean(SKIP), SKIP);

let run: RunningCluster;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (SKIP) return;
  // A first stage long enough to outlast the kill and the reconnect; short decisions so a call left in
  // intermission is over before the next test.
  run = await startCluster({
    env: {
      FLINT_STAGE_PLAN: 'audio:25,video:20',
      FLINT_RECONNECT_GRACE_S: '30',
      FLINT_DECISION_TIMEOUT_S: '8',
      FLINT_RING_TIMEOUT_S: '15',
    },
  });
});
test.afterAll(async () => {
  await run?.down();
});

const tag = (name: string) => `${name}-${Date.now().toString(36)}-`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A second tab of the same person (same browser context, so the same node), on their chat with `with`. */
async function chatTab(app: FlintApp, username: string, url: string, other: string): Promise<ChatView> {
  const tab = new FlintApp(app.context, await app.context.newPage());
  await tab.open(username, `${url}/chat`);
  const chat = new ChatView(tab);
  await chat.openWith(other);
  return chat;
}

/** Records, in the page, when the call's stage events and state changes arrived (ms epoch). */
function recordCallTimeline(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Store = { subscribe(event: string, handler: (payload: unknown) => void): () => void };
    const store = (globalThis as unknown as Record<symbol, Store>)[Symbol.for('flint.realtime.socket-store')]!;
    const log: Array<{ event: string; payload: unknown; at: number }> = [];
    (globalThis as unknown as { __timeline: typeof log }).__timeline = log;
    store.subscribe('call:stage-started', (payload) => log.push({ event: 'stage-started', payload, at: Date.now() }));
    document.addEventListener('flint-call-state-change', (e) =>
      log.push({ event: 'state', payload: (e as CustomEvent).detail, at: Date.now() }),
    );
  });
}

type Timeline = Array<{ event: string; payload: { endsAt?: string; state?: string; stage?: number }; at: number }>;
const timeline = (page: Page) => page.evaluate(() => (globalThis as unknown as { __timeline: Timeline }).__timeline);

/** Every own message of the conversation has left the outbox (none pending, none failed). */
async function expectAllSent(chat: ChatView): Promise<void> {
  await expect
    .poll(
      () =>
        chat.messages.evaluateAll((els) =>
          els.map((el) => el.getAttribute('data-status')).filter((s) => s === 'pending' || s === 'failed'),
        ),
      { timeout: 30_000 },
    )
    .toEqual([]);
}

/** No duplicates, everything expected, each sender's messages in the order they were sent. */
function expectOnceInOrder(seen: string[], bySender: string[][]): void {
  expect(new Set(seen).size, `duplicates in ${seen.join(' | ')}`).toBe(seen.length);
  expect(seen.length).toBe(bySender.flat().length);
  for (const sent of bySender) expect(seen.filter((b) => sent.includes(b))).toEqual(sent);
}

// Known regression after the second wave's merges (2026-12-01): in 2 of 4 runs one side ends FAILED
// after the kill instead of resuming stage 1 (line "for (const side of [ava, ben]) await
// side.expectState('STAGE_ACTIVE', 1)"); it passed on its branch before the merge. Suspects: the
// rejoin after the socket moves (server-named offerer, `hello` restart, media-failed after 12 s).
test.fixme('kill -9 of the node serving a call and a chat: both reconnect through nginx to the survivor, the stage ends on time, messages arrive once, in order', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { cluster } = run;
  // Both people on node a: it alone serves the call (its events, its deadline timers) and the chat.
  const avaApp = await signInOn(browser, cluster, 'a', 'ava', '/chat');
  const ava = new CallView(avaApp.page, avaApp);
  const benApp = await signInOn(browser, cluster, 'a', 'ben', '/chat');
  const ben = new CallView(benApp.page, benApp);
  expect(await nodeOf(avaApp, cluster)).toBe('a');
  expect(await nodeOf(benApp, cluster)).toBe('a');
  const avaChat = await chatTab(avaApp, 'ava', cluster.url, 'Ben');
  const benChat = await chatTab(benApp, 'ben', cluster.url, 'Ava');

  for (const side of [ava, ben]) await recordCallTimeline(side.page);
  await new ChatView(avaApp).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  await ben.button('Accept').click();
  for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1, 30_000);
  for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
  const started = (await timeline(ava.page)).filter((e) => e.event === 'stage-started').at(-1);
  const endsAt = Date.parse(started!.payload.endsAt!);

  const t = tag('kill');
  await avaChat.send(`${t}ava-1`);
  await expect(benChat.message(`${t}ava-1`)).toBeVisible();
  // The kill lands while a message is on its way: its ack may be lost, so it is sent again (once).
  await avaChat.composer.fill(`${t}ava-2`);
  const killedAt = Date.now();
  await Promise.all([avaChat.composer.press('Enter'), cluster.stopNode('a', 'SIGKILL')]);
  expect(endsAt - killedAt, 'the kill lands well before the stage is due to end').toBeGreaterThan(5_000);
  await benChat.send(`${t}ben-1`);
  await avaChat.send(`${t}ava-3`);

  for (const app of [avaApp, benApp, avaChat.app, benChat.app]) await app.waitConnected();
  expect(await nodeOf(avaApp, cluster)).toBe('b');
  // The call resumes on the survivor, media never stopped (peer to peer), and node b ends the stage
  // when node a's timer would have: from the deadline in the database.
  for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1);
  for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
  await avaChat.send(`${t}ava-4`);
  await benChat.send(`${t}ben-2`);
  for (const side of [ava, ben]) await side.expectState('INTERMISSION', undefined, 30_000);
  for (const side of [ava, ben]) {
    const ended = (await timeline(side.page)).find((e) => e.event === 'state' && e.payload.state === 'INTERMISSION');
    expect(ended!.at - endsAt, 'the stage ends at its deadline (not before, and within the sweep and reconnect slack)').toBeGreaterThan(
      -1_000,
    );
    expect(ended!.at - endsAt).toBeLessThan(4_000);
  }

  const sent = [
    [`${t}ava-1`, `${t}ava-2`, `${t}ava-3`, `${t}ava-4`],
    [`${t}ben-1`, `${t}ben-2`],
  ];
  for (const chat of [avaChat, benChat]) await expectAllSent(chat);
  await expect.poll(async () => (await benChat.bodies(t)).length, { timeout: 30_000 }).toBe(6);
  await expect.poll(async () => (await avaChat.bodies(t)).length, { timeout: 30_000 }).toBe(6);
  expectOnceInOrder(await benChat.bodies(t), sent);
  expect(await avaChat.bodies(t)).toEqual(await benChat.bodies(t));
  // The server's history (a fresh load, from the survivor) has each message once, in the same order.
  const seen = await benChat.bodies(t);
  await benChat.page.reload();
  await benChat.waitLoaded();
  await expect.poll(() => benChat.bodies(t)).toEqual(seen);
  // End the date here: left in its intermission, the next test's sign-in would resume it (its
  // overlay, then its summary, over the chat list).
  await ava
    .button('No')
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  for (const side of [ava, ben]) await side.expectState('FINISHED');
  await avaApp.close();
  await benApp.close();
});

test('a rolling restart of both nodes while both people keep sending: no send fails, nothing is lost or duplicated', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { cluster } = run;
  if (!cluster.isRunning('a')) await cluster.startNode('a');
  // One person on each node: the restart moves each of them once, at different times.
  const avaApp = await signInOn(browser, cluster, 'a', 'ava', '/chat');
  const benApp = await signInOn(browser, cluster, 'b', 'ben', '/chat');
  const avaChat = new ChatView(avaApp);
  const benChat = new ChatView(benApp);
  await avaChat.openWith('Ben');
  await benChat.openWith('Ava');

  const t = tag('rolling');
  const sent: Record<'ava' | 'ben', string[]> = { ava: [], ben: [] };
  let sending = true;
  const keepSending = async (chat: ChatView, who: 'ava' | 'ben') => {
    for (let i = 0; sending; i++) {
      const body = `${t}${who}-${String(i).padStart(3, '0')}`;
      await chat.send(body);
      sent[who].push(body);
      await sleep(300);
    }
  };
  const senders = [keepSending(avaChat, 'ava'), keepSending(benChat, 'ben')];
  const moved: Array<NodeName | null> = [];
  await sleep(1_000);
  for (const node of ['a', 'b'] as const) {
    await cluster.stopNode(node, 'SIGTERM');
    // While it is down, its people are on the other node (nginx skips a node that refuses).
    await (node === 'a' ? avaApp : benApp).waitConnected();
    moved.push(await nodeOf(node === 'a' ? avaApp : benApp, cluster));
    await cluster.startNode(node);
    await sleep(1_500);
  }
  sending = false;
  await Promise.all(senders);
  expect(moved).toEqual(['b', 'a']);

  const total = sent.ava.length + sent.ben.length;
  expect(sent.ava.length).toBeGreaterThan(10);
  for (const chat of [avaChat, benChat]) await expectAllSent(chat);
  for (const chat of [avaChat, benChat]) await expect.poll(async () => (await chat.bodies(t)).length, { timeout: 30_000 }).toBe(total);
  expectOnceInOrder(await benChat.bodies(t), [sent.ava, sent.ben]);
  expect(await avaChat.bodies(t)).toEqual(await benChat.bodies(t));
  await avaApp.close();
  await benApp.close();
});
