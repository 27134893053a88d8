/**
 * The webrtc engine in real Chromium: two engines in ONE page, each with a REAL RTCPeerConnection
 * over loopback; only the signaling relay is in memory (see test-support.ts). Local media are
 * page-made capture tracks (see test-media.ts).
 */

import { assert, sleep } from '@flint/test-support';
import { allowAudio, capture } from '../test-media.ts';
import {
  allEnded,
  audioFlows,
  audioSilent,
  closeLater,
  framesResume,
  framesStopped,
  pair,
  release,
  stage,
  videoFlows,
} from './test-checks.ts';
import { mLines, offersSent, prepareFor, relay, remoteTrack, type TestPeer, transceivers } from './test-support.ts';

before(allowAudio);
afterEach(release);

describe('webrtc engine: staged date on one connection', () => {
  it('voice, then video twice, through intermissions on the same RTCPeerConnection', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [a, b] = pair();

    const stage1 = await stage([a, b], 1, 'audio');
    const audioAtB = await audioFlows(b, 'stage 1 audio at the polite side');
    const audioAtA = await audioFlows(a, 'stage 1 audio at the impolite side');
    assert.strictEqual(remoteTrack(a, 'video'), undefined, 'stage 1 is voice only');
    assert.ok(a.links.includes('connected') && b.links.includes('connected'), 'both links reported connected');

    await Promise.all([a.engine.pause(), b.engine.pause()]);
    assert.ok(allEnded(stage1), 'every stage 1 capture track is stopped at the intermission');
    await Promise.all([audioSilent(a, 'A'), audioSilent(b, 'B')]);

    const stage2 = await stage([a, b], 2, 'video');
    const videoAtA = await videoFlows(a, 'stage 2 video at the impolite side');
    const videoAtB = await videoFlows(b, 'stage 2 video at the polite side');
    // The same receivers carry on: the connection was reused, not rebuilt.
    assert.strictEqual(remoteTrack(a, 'audio'), audioAtA, 'A keeps the stage 1 audio receiver');
    assert.strictEqual(remoteTrack(b, 'audio'), audioAtB, 'B keeps the stage 1 audio receiver');
    await audioFlows(a, 'stage 2 audio at A');

    await Promise.all([a.engine.pause(), b.engine.pause()]);
    assert.ok(allEnded(stage2), 'every stage 2 capture track (camera included) is stopped');
    await Promise.all([framesStopped(videoAtA, 'A'), framesStopped(videoAtB, 'B')]);

    const stage3 = await stage([a, b], 3, 'video');
    await Promise.all([framesResume(videoAtA, 'stage 3 at A'), framesResume(videoAtB, 'stage 3 at B')]);
    assert.strictEqual(remoteTrack(a, 'audio'), audioAtA, 'still the same connection at stage 3');

    await Promise.all([a.engine.close(), b.engine.close()]);
    assert.ok(allEnded(stage3), 'close() ends every local track');
  });

  it('one offerer: both sides start in the same tick, one offer for the whole date, video on the m-line of the start', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [a, b] = pair();
    const stage1 = await stage([a, b], 1, 'audio', true);
    await Promise.all([audioFlows(a, 'audio at A'), audioFlows(b, 'audio at B')]);
    // No glare, so no rollback: the answerer never offers, the offerer's one offer carries both kinds.
    assert.strictEqual(offersSent(b), 0, 'the answerer made no offer');
    assert.strictEqual(offersSent(a), 1, 'the offerer made one offer');
    assert.deepEqual([mLines(a, 'audio'), mLines(a, 'video')], [1, 1], 'audio and video negotiated from the start');
    assert.strictEqual(remoteTrack(a, 'video'), undefined, 'a voice stage shows no video');
    const mids = (peer: TestPeer) => transceivers(peer).map((t) => t.mid);
    const before = mids(a);

    await Promise.all([a.engine.pause(), b.engine.pause()]);
    assert.ok(allEnded(stage1), 'the intermission stops every capture track');
    await stage([a, b], 2, 'video', true);
    await Promise.all([videoFlows(a, 'video at A'), videoFlows(b, 'video at B')]);
    await Promise.all([a.engine.pause(), b.engine.pause()]);
    await stage([a, b], 3, 'video', true);
    await Promise.all([videoFlows(a, 'stage 3 video at A'), videoFlows(b, 'stage 3 video at B')]);
    // voice → video → video with replaceTrack only: no new offer, no new transceiver or m-line.
    assert.strictEqual(offersSent(a) + offersSent(b), 1, 'still the one offer after three stages');
    assert.deepEqual(mids(a), before, 'the same transceivers carry every stage');
  });
});

describe('webrtc engine: local controls and lifecycle', () => {
  it('setSending toggles track.enabled and the choice carries into the next stage', async () => {
    const [a, b] = pair();
    const [own] = await stage([a, b], 1, 'audio');
    a.engine.setSending('audio', false);
    assert.strictEqual(own!.getAudioTracks()[0]!.enabled, false, 'muted');
    await a.engine.pause();
    const [next] = await stage([a], 2, 'video');
    assert.strictEqual(next!.getAudioTracks()[0]!.enabled, false, 'still muted at stage 2');
    assert.strictEqual(next!.getVideoTracks()[0]!.enabled, true, 'camera on');
    a.engine.setSending('audio', true);
    assert.strictEqual(next!.getAudioTracks()[0]!.enabled, true, 'unmuted');
  });

  it('close() ends every local track, silences callbacks and refuses a later start', async () => {
    const [a, b] = pair();
    const streams = await stage([a, b], 1, 'audio');
    await audioFlows(a, 'audio at A');
    await a.engine.close();
    assert.ok(allEnded([streams[0]!]), 'A ends its tracks');
    const heard = a.links.length;
    await b.engine.close();
    await sleep(300);
    assert.strictEqual(a.links.length, heard, 'no link callbacks after close');
    const late = capture('audio');
    const error = await a.engine.start(prepareFor(2, 'audio', false), late).then(
      () => null,
      (e: Error) => e,
    );
    assert.ok(error?.message.includes('after close'), 'start after close rejects');
    for (const track of late.getTracks()) track.stop();
  });

  it('a peer that reloads mid-stage gets a fresh connection on the other side', async function () {
    (this as { timeout(ms: number): void }).timeout(40_000);
    const wire = relay();
    const a = wire.peer(0);
    const b = wire.peer(1);
    closeLater(a, b);
    await stage([a, b], 2, 'video');
    await videoFlows(a, 'video at A before the reload');
    await b.engine.close(); // the page goes away without a word to the peer
    const reloaded = wire.peer(1);
    closeLater(reloaded);
    await stage([reloaded], 2, 'video');
    await videoFlows(reloaded, 'video at the reloaded side');
    await videoFlows(a, 'video at A from the reloaded side');
  });
});
