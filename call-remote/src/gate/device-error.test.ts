import { assert, sleep, until } from '@flint/test-support';
import { capture } from '../media/test-media.ts';
import { acquire, stopStream } from './acquire.ts';
import { CallError, DeviceError } from './device-error.ts';

const domError = (name: string) => new DOMException('from the test', name);

describe('DeviceError', () => {
  // The name → failure table itself is shared (shared/src/device-failure.ts) and tested there.
  it('types a getUserMedia failure by the shared mapping, keeping the DOMException as cause', () => {
    const cause = domError('NotAllowedError');
    const error = DeviceError.from(cause);
    assert.strictEqual(error.reason, 'permission-denied', 'reason');
    assert.strictEqual(error.code, 'permission-denied', 'code');
    assert.strictEqual(error.cause, cause, 'cause');
    assert.ok(error instanceof CallError, 'a CallError');
    assert.strictEqual(DeviceError.from(error), error, 'an already typed error is kept');
  });

  it('treats an unknown failure as busy (retrying is the right advice)', () => {
    assert.strictEqual(DeviceError.from(new TypeError('odd')).reason, 'device-busy');
  });
});

describe('acquire()', () => {
  it('rejects with the mapped reason when getUserMedia rejects', async () => {
    const error = await acquire('video', { getUserMedia: () => Promise.reject(domError('NotAllowedError')) }).catch((e: unknown) => e);
    assert.ok(error instanceof DeviceError, 'a DeviceError');
    assert.strictEqual((error as DeviceError).reason, 'permission-denied');
  });

  it('times out as device-timeout and releases a stream that arrives late', async () => {
    const late: { stream?: MediaStream } = {};
    const slow = async (c: MediaStreamConstraints) => {
      await sleep(150);
      late.stream = capture(c.video ? 'video' : 'audio');
      return late.stream;
    };
    const error = await acquire('audio', { timeoutMs: 50, getUserMedia: slow }).catch((e: unknown) => e);
    assert.strictEqual((error as DeviceError).reason, 'device-timeout');
    const stream: MediaStream = await until(() => late.stream!, 'the late stream', 5_000);
    await sleep(0);
    assert.ok(
      stream.getTracks().every((t) => t.readyState === 'ended'),
      'the late stream was released',
    );
  });

  it('asks for the microphone only in an audio stage, for both in a video stage', async () => {
    const asked: MediaStreamConstraints[] = [];
    const record = async (c: MediaStreamConstraints) => {
      asked.push(c);
      return capture(c.video ? 'video' : 'audio');
    };
    const audio = await acquire('audio', { getUserMedia: record });
    const video = await acquire('video', { getUserMedia: record });
    assert.strictEqual(asked[0]!.video, false, 'audio stage: no camera');
    assert.ok(asked[0]!.audio && asked[1]!.audio && asked[1]!.video, 'video stage: microphone and camera');
    assert.strictEqual(video.getVideoTracks().length, 1, 'video track');
    stopStream(audio);
    stopStream(video);
  });

  it('maps the browser’s own answer: denied in this runner (no permission granted), else live tracks', async () => {
    const granted = (await navigator.permissions.query({ name: 'camera' as PermissionName })).state === 'granted';
    const result = await acquire('video').catch((e: unknown) => e);
    if (granted) {
      assert.ok(result instanceof MediaStream && result.getTracks().every((t) => t.readyState === 'live'), 'live tracks');
      stopStream(result as MediaStream);
    } else {
      assert.strictEqual((result as DeviceError).reason, 'permission-denied', 'real NotAllowedError');
    }
  });

  it('fails as no-device when the camera track is missing in a video stage', async () => {
    const error = await acquire('video', { getUserMedia: async () => capture('audio') }).catch((e: unknown) => e);
    assert.strictEqual((error as DeviceError).reason, 'no-device');
  });
});
