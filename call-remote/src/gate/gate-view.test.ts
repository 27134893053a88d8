import { DeviceFailure } from '@flint/shared';
import { assert, until } from '@flint/test-support';
import { html, LitElement } from 'lit';
import { FIXTURES } from '../fsm/test-fixtures.ts';
import { en } from '../i18n/en.ts';
import { capture, watchFrames } from '../media/test-media.ts';
import { buttonNamed, show, text, userGesture, viewModel } from '../ui/test-support.ts';
import { stopStream } from './acquire.ts';
import { renderGate } from './gate-view.ts';
import { MicLevelController } from './mic-level-controller.ts';

const failed = (reason: DeviceFailure) => ({
  ...FIXTURES.checkingFailed,
  context: { ...FIXTURES.checkingFailed.context, deviceFailure: reason, media: 'video' as const },
});

describe('gate view', () => {
  afterEach(() => document.body.replaceChildren());

  for (const reason of Object.values(DeviceFailure)) {
    it(`shows plain guidance and "Try again" for ${reason}, as an alert`, () => {
      const { vm, calls } = viewModel(failed(reason));
      const root = show(renderGate(vm));
      const alert = root.querySelector('[role=alert]');
      assert.ok(alert, 'an alert');
      assert.strictEqual(text(alert!).startsWith(en[`device.${reason}`]), true, 'guidance text');
      buttonNamed(root, 'Try again').click();
      assert.strictEqual(JSON.stringify(calls), JSON.stringify([['retryDevices']]), 'retry raised');
    });
  }

  it('shows the live preview of the stage’s camera (frames painted) and the microphone level', async () => {
    const local = capture('video');
    const { vm } = viewModel({ ...FIXTURES.nextStage }, { local, level: 0.4 });
    const root = show(renderGate(vm));
    const preview = root.querySelector<HTMLVideoElement>('video[part=gate-preview]')!;
    assert.ok(preview.muted && preview.playsInline, 'muted, playsinline');
    assert.strictEqual(preview.srcObject, local, 'the gate stream');
    const frames = watchFrames(preview.srcObject as MediaStream);
    await until(() => frames.count() > 2, 'preview frames');
    frames.dispose();
    const meter = root.querySelector<HTMLMeterElement>('meter[part=mic-level]')!;
    assert.strictEqual(meter.getAttribute('aria-label'), 'Microphone level', 'meter name');
    assert.strictEqual(meter.value, 0.4, 'level');
    stopStream(local);
  });

  it('checks only the microphone in an audio stage (no preview)', () => {
    const { vm } = viewModel(FIXTURES.checking, { local: capture('audio') });
    const root = show(renderGate(vm));
    assert.strictEqual(root.querySelector('video'), null, 'no preview');
    assert.ok(text(root).includes('Checking your microphone…'), 'what is checked');
    stopStream(vm.local);
  });
});

class LevelHost extends LitElement {
  stream: MediaStream | null = null;
  meter = new MicLevelController(this, () => this.stream);
  override render() {
    return html`${this.meter.level}`;
  }
}
customElements.define('test-level-host', LevelHost);

describe('MicLevelController', () => {
  it('measures a real signal through a Web Audio AnalyserNode, and stops with the stream', async () => {
    await userGesture();
    const host = document.createElement('test-level-host') as LevelHost;
    document.body.append(host);
    host.stream = capture('audio');
    host.requestUpdate();
    await until(() => host.meter.level > 0.05, 'a level above silence');
    const silent = new MediaStream([capture('audio').getAudioTracks()[0]!.clone()]);
    silent.getAudioTracks()[0]!.enabled = false;
    stopStream(host.stream);
    host.stream = silent;
    host.requestUpdate();
    await until(() => host.meter.level === 0, 'a new stream resets the level');
    host.remove();
  });
});
