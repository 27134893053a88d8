/**
 * Calls across real networks (issue 9), recovery: the link that carries the media (the lab's veth
 * pair, the only path to coturn) goes down for 5 s in the middle of a stage and comes back. The
 * call shows "reconnecting" meanwhile, no media arrives, the named offerer restarts ICE, and media
 * resumes within 5 s of the link's return in the SAME stage. The server is reached on loopback, yet
 * both pages' sockets reconnected during the cut when watched (2026-12-01, cause not found); the
 * stage clock's pause over the outage is still open (the comment in the test).
 */
import { expect, test } from '@playwright/test';
import { firewall, setLink } from './lab.ts';
import { useLab } from './lab-spec.ts';

const { date } = useLab(() => setLink(true));

test('the link drops for 5 s mid-stage: no media meanwhile, it resumes within 5 s of its return, same stage', async ({ browser }) => {
  test.setTimeout(90_000);
  firewall('turn');
  const [ava, ben] = await date(browser, 6);
  for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio'), { timeout: 15_000 }).toBeGreaterThan(10);

  setLink(false);
  // Both sides notice (ICE consent checks fail) and say so; the stage is interrupted, not ended.
  for (const side of [ava, ben]) await side.expectState('RECONNECTING', 1, 10_000);
  // The drop is real: no audio arrives while the link is down.
  expect(await ben.packetsReceived('audio', 1_000), 'audio while the link is down').toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  setLink(true);

  // The bound, counted from the link's return (the wait's limit, not a benchmark).
  const back = Date.now();
  for (const side of [ava, ben]) {
    await expect.poll(() => side.packetsReceived('audio'), { timeout: Math.max(1, 5_000 - (Date.now() - back)) }).toBeGreaterThan(10);
  }
  for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1);
  const path = await ava.selectedPath();
  expect([path?.local, path?.remote], 'still through TURN').toContain('relay');

  // Open (issue 9): the stage clock's pause over the outage. In this lab the countdown runs on (10 of
  // 10.8 s counted, 2026-12-01): both pages' sockets reconnect during the cut (call:resume is sent),
  // and call:media-path is not sent while the socket is down, so the server pauses only from when it
  // notices the disconnect. The server side is tested in calls.media-path.test.ts.

  await ava.button('Hang up').click();
  await ben.expectState('FINISHED');
});
