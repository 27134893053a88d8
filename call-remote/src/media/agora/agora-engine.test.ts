/**
 * The Agora engine against a FAKE of the SDK (Agora's network cannot be reached here): each phase
 * of a staged date makes exactly the SDK calls listed, in order. Local tracks are page-made
 * capture tracks (see ../test-media.ts), remote ones are handed back by the fake's subscribe().
 */
import type { CallPrepare } from '@flint/shared';
import { assert } from '@flint/test-support';
import { createEngineFactory } from '../create-engine.ts';
import type { MediaEngine, MediaLinkState, SignalingPort } from '../media-engine.ts';
import { capture } from '../test-media.ts';
import { FakeAgora } from './fake-sdk.ts';

const signaling: SignalingPort = { send: () => {}, onSignal: () => () => {} };
const agora = { appId: 'app-id', channel: 'session-channel', token: 'minted-token', uid: 42 };

function prepare(stage: number, media: 'audio' | 'video', withAgora = true): CallPrepare {
  const base = { sessionId: '00000000-0000-4000-8000-000000000002', stage, stages: 3, media };
  return { ...base, engine: 'agora', offerer: true, polite: false, iceServers: [], ...(withAgora ? { agora } : {}) };
}

async function setup() {
  const sdk = new FakeAgora();
  let loads = 0;
  const factory = createEngineFactory({
    loadAgoraSdk: async () => {
      loads++;
      return sdk;
    },
  });
  const seen = { remote: null as MediaStream | null, remotes: 0, links: [] as MediaLinkState[] };
  const callbacks = {
    onRemoteStream: (stream: MediaStream | null) => {
      seen.remote = stream;
      seen.remotes++;
    },
    onLinkState: (link: MediaLinkState) => seen.links.push(link),
  };
  const make = (kind: 'webrtc' | 'agora') => factory(kind, { signaling, callbacks });
  return { sdk, make, seen, loads: () => loads };
}

const ended = (stream: MediaStream) => stream.getTracks().every((t) => t.readyState === 'ended');

describe('agora engine (fake SDK)', () => {
  let engine: MediaEngine | null = null;
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });

  it('loads the SDK only when the server chose agora', async () => {
    const { make, loads } = await setup();
    const webrtc = await make('webrtc');
    assert.strictEqual(webrtc.kind, 'webrtc', 'engine kind');
    assert.strictEqual(loads(), 0, 'no SDK load for a webrtc call');
    await webrtc.close();
    engine = await make('agora');
    assert.strictEqual(engine.kind, 'agora', 'engine kind');
    assert.strictEqual(loads(), 1, 'one SDK load for an agora call');
  });

  it('makes the exact SDK calls in each phase of a staged date', async () => {
    const { sdk, make, seen } = await setup();
    engine = await make('agora');
    assert.deepEqual(sdk.take(), [], 'nothing before the first stage');

    const stage1 = capture('audio');
    await engine.start(prepare(1, 'audio'), stage1);
    assert.deepEqual(
      sdk.take(),
      ['createClient rtc vp8', 'join app-id session-channel minted-token 42', 'createCustomAudioTrack audio#1', 'publish audio#1'],
      'stage 1: join and publish the microphone',
    );
    assert.strictEqual(sdk.tracks[0]!.mediaStreamTrack, stage1.getAudioTracks()[0], "wraps the gate's own track");
    assert.deepEqual(seen.links, ['connected'], 'link connected on join');

    const heard = capture('audio').getAudioTracks()[0]!;
    sdk.remoteTracks.set('audio', heard);
    sdk.emit('user-published', { uid: 7 }, 'audio');
    await Promise.resolve();
    assert.deepEqual(sdk.take(), ['subscribe 7 audio'], "the peer's audio is subscribed");
    assert.strictEqual(seen.remote?.getAudioTracks()[0], heard, 'and handed over as the remote stream');

    await engine.pause();
    assert.deepEqual(sdk.take(), ['setEnabled audio#1 false'], 'intermission: the SDK track is disabled');
    assert.ok(ended(stage1), 'and the capture is stopped');
    sdk.emit('user-unpublished', { uid: 7 }, 'audio');
    assert.strictEqual(seen.remote, null, 'the peer went quiet too');

    const stage2 = capture('video');
    await engine.start(prepare(2, 'video'), stage2);
    assert.deepEqual(
      sdk.take(),
      ['unpublish audio#1', 'close audio#1', 'createCustomAudioTrack audio#2', 'createCustomVideoTrack video#3', 'publish audio#2,video#3'],
      'stage 2: same client, new tracks from the new gate stream',
    );
    assert.strictEqual(sdk.tracks[2]!.mediaStreamTrack, stage2.getVideoTracks()[0], "the camera track is the gate's");
    assert.deepEqual(seen.links, ['connected', 'connected'], 'a reused client restates its link');

    engine.setSending('video', false);
    assert.deepEqual(sdk.take(), ['setMuted video#3 true'], 'camera off mutes the published track');

    await engine.close();
    engine = null;
    assert.deepEqual(sdk.take(), ['close audio#2', 'close video#3', 'removeAllListeners', 'leave'], 'close leaves');
    assert.ok(ended(stage2), 'close ends every local track');
  });

  it('maps connection states and stays silent after close', async () => {
    const { sdk, make, seen } = await setup();
    engine = await make('agora');
    await engine.start(prepare(1, 'audio'), capture('audio'));
    sdk.emit('connection-state-change', 'RECONNECTING', 'CONNECTED');
    sdk.emit('connection-state-change', 'CONNECTED', 'RECONNECTING');
    sdk.emit('connection-state-change', 'DISCONNECTED', 'CONNECTED');
    assert.deepEqual(seen.links, ['connected', 'lost', 'connected', 'failed'], 'link states');
    await engine.close();
    engine = null;
    const before = seen.remotes;
    sdk.emit('user-published', { uid: 7 }, 'video');
    assert.strictEqual(seen.remotes, before, 'no callbacks after close');
  });

  it('keeps a mute into the next stage and refuses a prepare without credentials', async () => {
    const { sdk, make } = await setup();
    engine = await make('agora');
    const error = await engine.start(prepare(1, 'audio', false), capture('audio')).then(
      () => null,
      (e: Error) => e,
    );
    assert.ok(error?.message.includes('no agora credentials'), 'clear error');
    assert.deepEqual(sdk.take(), [], 'nothing joined');
    engine.setSending('audio', false);
    await engine.start(prepare(1, 'audio'), capture('audio'));
    assert.deepEqual(sdk.take().slice(2), ['createCustomAudioTrack audio#1', 'setMuted audio#1 true', 'publish audio#1'], 'muted');
  });
});
