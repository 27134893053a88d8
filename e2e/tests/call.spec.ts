/**
 * The staged video date end to end (issue 3): ava and ben (seeded, matched) in two browser contexts
 * with fake devices, against servers started as `npm start` does, with the test timings of
 * playwright.config.ts (stages of 6 s, ring 5 s, decision 8 s, grace 15 s).
 */

import { CallView, ChatView } from '@flint/qa';
import { expect, test } from '@playwright/test';

/** ben is online first (on the chat list), then ava calls him from their conversation. */
async function startCall(browser: import('@playwright/test').Browser, benPermissions?: string[]) {
  const ben = await CallView.signIn(browser, 'ben', '/chat', benPermissions);
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  const conversation = await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ava.expectState('DIALING');
  await ben.expectState('RINGING');
  return { ava, ben, conversation };
}

async function accept(ben: CallView, ava: CallView, stage = 1) {
  await expect(ben.page.getByRole('alertdialog')).toBeVisible();
  await ben.button('Accept').click();
  await ava.expectState('STAGE_ACTIVE', stage);
  await ben.expectState('STAGE_ACTIVE', stage);
}

/** During an intermission nothing is captured on either side and no video arrives. */
async function expectIntermission(stage: number, ...sides: CallView[]) {
  for (const side of sides) await side.expectState('INTERMISSION', stage);
  for (const side of sides) {
    await expect(side.page.getByRole('dialog', { name: `Continue to stage ${stage + 1}?` })).toBeVisible();
    await side.expectAllTracksEnded();
  }
}

test('a full staged date: voice, then video, then video, on one surface, devices off between stages', async ({ browser }) => {
  test.setTimeout(120_000);
  const { ava, ben, conversation } = await startCall(browser);
  const url = ava.page.url();
  await accept(ben, ava);

  for (const side of [ava, ben]) {
    expect((await side.remoteTracks('audio')).map((t) => t.readyState)).toEqual(['live']);
    await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
    expect((await side.tracks()).kinds).toEqual(['audio']);
  }

  for (const stage of [2, 3]) {
    await expectIntermission(stage - 1, ava, ben);
    // Nothing arrives any more: no video frames, no audio packets (the peer sends nothing).
    for (const side of [ava, ben]) {
      await expect.poll(() => side.packetsReceived('audio', 500)).toBe(0);
      expect(await side.packetsReceived('video', 500)).toBe(0);
      if (stage === 3) expect(await side.remoteFrames(500)).toBeLessThan(2);
    }
    await ava.button('Yes').click();
    await expect(ava.page.getByText('Waiting for the other person…', { exact: true })).toBeVisible();
    await ben.button('Yes').click();
    await ava.expectState('STAGE_ACTIVE', stage);
    await ben.expectState('STAGE_ACTIVE', stage);
    for (const side of [ava, ben]) {
      await expect.poll(() => side.remoteFrames(500), { timeout: 10_000 }).toBeGreaterThan(3);
    }
    expect(ava.page.url()).toBe(url);
  }

  await ava.expectState('FINISHED');
  await ben.expectState('FINISHED');
  await ava.expectAllTracksEnded();
  await ben.expectAllTracksEnded();
  await expect(ava.page).toHaveURL(new RegExp(`/chat/${conversation}$`));
  await ava.close();
  await ben.close();
});

test('a "No" at the intermission ends the date for both, without saying who, and both are back in their chat', async ({ browser }) => {
  const { ava, ben, conversation } = await startCall(browser);
  await accept(ben, ava);
  await expectIntermission(1, ava, ben);
  await ava.button('No').click();
  await ben.button('Yes').click();
  for (const side of [ava, ben]) {
    await side.expectState('FINISHED');
    await expect(side.page.getByRole('dialog', { name: 'Call ended' })).toContainText('One of you chose not to continue');
    await expect(side.page).toHaveURL(new RegExp(`/chat/${conversation}$`));
    await side.button('Back to chat').click();
    await side.expectState('IDLE', 0);
  }
  await ava.close();
  await ben.close();
});

test('an unanswered call times out: the caller is told, the callee stops ringing', async ({ browser }) => {
  const { ava, ben } = await startCall(browser);
  await ava.expectState('FAILED');
  await expect(ava.page.getByRole('dialog', { name: 'Call failed' })).toContainText('No answer.');
  await ben.expectState('IDLE');
  await expect(ben.page.getByRole('alertdialog')).toHaveCount(0);
  await ava.close();
  await ben.close();
});

test('camera denied at the stage 2 gate: a clear message there, the other side is told, no black video', async ({ browser }) => {
  test.setTimeout(90_000);
  const { ava, ben } = await startCall(browser, ['microphone']);
  await accept(ben, ava);
  await expectIntermission(1, ava, ben);
  await ava.button('Yes').click();
  await ben.button('Yes').click();
  await ben.expectState('CHECKING_DEVICES', 2);
  await expect(ben.page.getByRole('alert')).toContainText('not allowed to use your camera or microphone');
  await expect(ben.button('Try again')).toBeVisible();
  await ava.expectState('CONNECTING', 2);
  await expect(ava.remote).toBeHidden();
  await ben.button('Hang up').click();
  await ben.expectState('FAILED');
  await expect(ben.page.getByRole('dialog', { name: 'Call failed' })).toContainText('your camera or microphone was not available');
  await ava.expectState('FAILED');
  await expect(ava.page.getByRole('dialog', { name: 'Call failed' })).toContainText('a camera or microphone was not available');
  await ava.expectAllTracksEnded();
  await ava.close();
  await ben.close();
});

test('a reload mid-stage rejoins the same stage within the grace window, media flowing again', async ({ browser }) => {
  const { ava, ben } = await startCall(browser);
  await accept(ben, ava);
  const url = ben.page.url();
  await ben.page.reload();
  await ben.expectState('STAGE_ACTIVE', 1);
  await ava.expectState('STAGE_ACTIVE', 1);
  expect(ben.page.url()).toBe(url);
  for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
  await ava.button('Hang up').click();
  await ben.expectState('FINISHED');
  await ava.close();
  await ben.close();
});

test('after hang-up every local track is ended within 1 s, on both sides', async ({ browser }) => {
  const { ava, ben } = await startCall(browser);
  await accept(ben, ava);
  expect((await ava.tracks()).live).toBeGreaterThan(0);
  await ava.button('Hang up').click();
  await ava.expectAllTracksEnded(1_000);
  await ben.expectState('FINISHED');
  await ben.expectAllTracksEnded(1_000);
  await expect(ben.page.getByRole('dialog', { name: 'Call ended' })).toContainText('The call was hung up.');
  await ava.close();
  await ben.close();
});
