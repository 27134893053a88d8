/**
 * What the webrtc engine tests check, as the person on the other side would notice it: the tone
 * heard, video frames presented, silence and a frozen picture during a pause.
 */

import { assert, sleep, until } from '@flint/test-support';
import { capture, listen, watchFrames } from '../test-media.ts';
import { prepareFor, relay, remoteTrack, type TestPeer } from './test-support.ts';

const MEDIA_TIMEOUT = 10_000;
let open: TestPeer[] = [];
/** Frame watchers and listeners. */
let sinks: Array<{ dispose(): void }> = [];

/** Closes every engine and sink a test made (an afterEach hook). */
export async function release(): Promise<void> {
  for (const sink of sinks) sink.dispose();
  await Promise.all(open.map((peer) => peer.engine.close()));
  open = [];
  sinks = [];
}

/** Engines made here are closed by release(). */
export function closeLater(...peers: TestPeer[]): void {
  open.push(...peers);
}

export function pair(): [TestPeer, TestPeer] {
  const wire = relay();
  const peers: [TestPeer, TestPeer] = [wire.peer(0), wire.peer(1)];
  closeLater(...peers);
  return peers;
}

/** Both sides run a stage: `together` starts them in the same tick (an offer collision). */
export async function stage(peers: TestPeer[], n: number, media: 'audio' | 'video', together = false) {
  const streams = peers.map(() => capture(media));
  const starts = peers.map((p, i) => () => p.engine.start(prepareFor(n, media, i === 1), streams[i]!));
  if (together) await Promise.all(starts.map((start) => start()));
  else for (const start of starts) await start();
  return streams;
}

/** The peer's tone is heard (decoded samples, not just a live track); returns that track. */
export async function audioFlows(peer: TestPeer, what: string) {
  const track = (await until(() => remoteTrack(peer, 'audio'), `${what} track`, MEDIA_TIMEOUT))!;
  const ear = listen(track);
  sinks.push(ear);
  await until(() => ear.level() > 0.1, `${what} heard`, MEDIA_TIMEOUT);
  return track;
}

/** After a pause the peer's audio falls silent: nothing is sent. */
export async function audioSilent(peer: TestPeer, what: string) {
  const ear = listen(remoteTrack(peer, 'audio')!);
  sinks.push(ear);
  await until(() => ear.level() < 0.01, `${what} silent`, MEDIA_TIMEOUT);
}

/** Waits for the peer's video to present `frames` new frames; returns the frame watcher. */
export async function videoFlows(peer: TestPeer, what: string, frames = 5) {
  const stream = await until(() => (remoteTrack(peer, 'video') ? peer.remote() : null), `${what} track`, MEDIA_TIMEOUT);
  const watch = watchFrames(stream!);
  sinks.push(watch);
  await until(() => watch.count() >= frames, `${what} frames`, MEDIA_TIMEOUT);
  return watch;
}

export async function framesStopped(watch: { count(): number }, what: string) {
  await sleep(300); // frames already in flight when the senders were cleared
  const before = watch.count();
  await sleep(1_000);
  assert.strictEqual(watch.count(), before, `${what}: frames presented during the pause`);
}

/** The same `<video>` presents new frames again: the next stage's tracks reached the senders. */
export async function framesResume(watch: { count(): number }, what: string) {
  const from = watch.count();
  await until(() => watch.count() >= from + 5, `${what} frames`, MEDIA_TIMEOUT);
}

export const allEnded = (streams: MediaStream[]) => streams.flatMap((s) => s.getTracks()).every((track) => track.readyState === 'ended');
