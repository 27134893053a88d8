import { assert } from '@flint/test-support';
import { FIXTURES, peer } from '../fsm/test-fixtures.ts';
import { translator } from '../i18n/index.ts';
import { renderCall } from './render-call.ts';
import { renderDialing, renderRinging } from './ringing.ts';
import { renderStage } from './stage-view.ts';
import { renderSummary } from './summary.ts';
import { buttonNamed, show, text, viewModel } from './test-support.ts';

describe('call views', () => {
  afterEach(() => document.body.replaceChildren());

  it('ringing: a labelled, described alertdialog with Accept and Decline', () => {
    const { vm, calls } = viewModel(FIXTURES.ringing);
    const root = show(renderRinging(vm));
    const dialog = root.querySelector('[role=alertdialog]')!;
    assert.strictEqual(text(root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!), 'Incoming staged date', 'label');
    assert.strictEqual(
      text(root.querySelector(`#${dialog.getAttribute('aria-describedby')}`)!),
      'Ben wants to start a date with you',
      'description',
    );
    buttonNamed(root, 'Accept').click();
    buttonNamed(root, 'Decline').click();
    assert.strictEqual(JSON.stringify(calls), JSON.stringify([['accept'], ['decline']]), 'intents');
  });

  it('dialing: "Calling…" with Cancel, disabled until the server acked the request', () => {
    assert.strictEqual(buttonNamed(show(renderDialing(viewModel(FIXTURES.dialingUnacked).vm)), 'Cancel').disabled, true, 'unacked');
    const { vm, calls } = viewModel(FIXTURES.dialing);
    const root = show(renderDialing(vm));
    assert.ok(text(root).startsWith('Calling…'), 'text');
    buttonNamed(root, 'Cancel').click();
    assert.strictEqual(JSON.stringify(calls), JSON.stringify([['hangUp']]), 'cancel is a hang-up');
  });

  it('dialing: says when the callee was rung where calls could not load, and keeps Cancel', () => {
    assert.notInclude(text(show(renderDialing(viewModel(FIXTURES.dialing).vm))), 'can’t take calls', 'not before the server said so');
    const root = show(renderDialing(viewModel(FIXTURES.dialingTold).vm));
    assert.include(text(root), 'They can’t take calls right now on the device that rang');
    assert.strictEqual(buttonNamed(root, 'Cancel').disabled, false, 'still cancellable');
  });

  it('outdated: an alert to reload replaces the call view', () => {
    const root = show(renderCall(viewModel(FIXTURES.ringing, { outdated: true }).vm, ''));
    assert.include(text(root.querySelector('[role=alert]')!), 'Flint was updated. Reload the page');
    assert.ok(buttonNamed(root, 'Reload'), 'a reload button');
    assert.isNull(root.querySelector('[role=alertdialog]'), 'no ringing dialog a click could not serve');
  });

  it('stage: stage and timer, Mute / Hang up; the voice stage shows no video; labels follow state', () => {
    const endsAt = new Date(Date.now() + 65_000).toISOString();
    const active = { ...FIXTURES.active, context: { ...FIXTURES.active.context, endsAt } };
    const { vm, calls } = viewModel(active, { sending: { audio: false, video: true } });
    const root = show(renderStage(vm));
    assert.ok(text(root).startsWith('Stage 1 of 3'), 'stage');
    assert.strictEqual(text(root.querySelector('[role=timer]')!), '1:05', 'timer');
    assert.strictEqual(root.querySelector<HTMLVideoElement>('video[part=remote-video]')!.hidden, true, 'no video in a voice stage');
    buttonNamed(root, 'Unmute').click();
    buttonNamed(root, 'Hang up').click();
    assert.strictEqual(JSON.stringify(calls), JSON.stringify([['toggle', 'audio'], ['hangUp']]), 'intents');
    assert.strictEqual(root.querySelectorAll('button').length, 2, 'no camera button in a voice stage');
  });

  it('stage: the other person by name, and their muted microphone said in a status', () => {
    const active = { ...FIXTURES.active, context: { ...FIXTURES.active.context, media: 'video' as const, peer } };
    const root = show(renderStage(viewModel(active, { peerSending: { audio: false, video: false } }).vm));
    assert.strictEqual(text(root.querySelector('[part=peer-state]')!), 'Ben muted their microphone', 'mic');
    assert.strictEqual(root.querySelector('[part=peer-state]')!.getAttribute('role'), 'status');
    assert.ok(text(root).includes('Ben turned the camera off'), 'camera');
    assert.strictEqual(text(show(renderStage(viewModel(active).vm)).querySelector('[part=peer-state]')!), '', 'unmuted: nothing said');
  });

  it('voice stage: who you talk to (initial and name), ringed while they speak', () => {
    const voice = { ...FIXTURES.active, context: { ...FIXTURES.active.context, peer } };
    const quiet = show(renderStage(viewModel(voice).vm));
    assert.strictEqual(text(quiet.querySelector('[part=peer-card]')!), 'B Voice only: Ben', 'initial and name');
    assert.isFalse(quiet.querySelector('[part=peer-avatar]')!.hasAttribute('data-speaking'), 'silent: no ring');
    const speaking = show(renderStage(viewModel(voice, { peerLevel: 0.3 }).vm));
    assert.isTrue(speaking.querySelector('[part=peer-avatar]')!.hasAttribute('data-speaking'), 'speaking: ringed');
  });

  it('stage: the reconnecting banner is a status', () => {
    const root = show(renderStage(viewModel(FIXTURES.reconnectingSocket).vm));
    assert.strictEqual(text(root.querySelector('[part=reconnecting]')!), 'Connection lost. Reconnecting…', 'banner');
    assert.strictEqual(root.querySelector('[part=reconnecting]')!.getAttribute('role'), 'status', 'role');
  });

  it('summary: the reason in plain words and "Back to chat" for a staged date', () => {
    const { vm, calls } = viewModel(FIXTURES.finished);
    const root = show(renderSummary(vm));
    assert.ok(text(root).includes('You completed all the stages.'), 'reason');
    buttonNamed(root, 'Back to chat').click();
    assert.strictEqual(JSON.stringify(calls), JSON.stringify([['dismiss']]), 'dismiss');
  });

  it('summary: only the side whose device failed is told which failure it was', () => {
    const root = show(renderSummary(viewModel(FIXTURES.failed).vm));
    assert.ok(text(root).includes('your camera or microphone was not available'), 'own failure');
    assert.ok(text(root).includes('is not responding'), 'its guidance (device-timeout)');
    const other = {
      ...FIXTURES.finished,
      state: 'FAILED' as const,
      context: { ...FIXTURES.finished.context, endReason: 'device-unavailable' as const },
    };
    assert.ok(text(show(renderSummary(viewModel(other).vm))).includes('a camera or microphone was not available'), 'peer side');
  });

  it('Spanish strings', () => {
    const { vm } = viewModel(FIXTURES.ringing, { t: translator('es') });
    const root = show(renderRinging(vm));
    buttonNamed(root, 'Aceptar');
    buttonNamed(root, 'Rechazar');
  });
});
