/**
 * Calls across real networks (issue 9): two people in two browser contexts that cannot reach each
 * other directly (the lab's firewall drops every packet between them that is not for TURN). A real
 * coturn with the server's REST credentials carries the call, over UDP or, with UDP blocked, over
 * TCP; with no TURN either, both are told within 20 s that the call could not connect.
 */
import { type Browser, expect, test } from '@playwright/test';
import { firewall } from './lab.ts';
import { useLab } from './lab-spec.ts';

const { date } = useLab();

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
