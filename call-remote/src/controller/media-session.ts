/**
 * The media side of one call: the gate's local stream, the engine (created on the first stage,
 * kept across intermissions) and the peer's stream. Every local capture track is stopped by this
 * class itself on pause/close as well as by the engine, so "camera light off" never depends on
 * an engine getting it right.
 */
import type { CallPrepare } from '@flint/shared';
import { stopStream } from '../gate/acquire.ts';
import type { MediaEngine, MediaEngineFactory, MediaLinkState, SignalingPort } from '../media/media-engine.ts';

export interface MediaSessionEvents {
  /** The local or remote stream (or sending flags) changed: re-render. */
  changed(): void;
  link(state: MediaLinkState): void;
}

export class MediaSession {
  local: MediaStream | null = null;
  remote: MediaStream | null = null;
  /** The user's mute / camera-off choice, kept across stages (the peer was told about it). */
  readonly sending = { audio: true, video: true };
  #engine: Promise<MediaEngine | null> | null = null;
  /** Bumped by close(): an engine or callback from an older generation is stale. */
  #generation = 0;

  constructor(
    private readonly factory: MediaEngineFactory,
    private readonly signaling: SignalingPort,
    private readonly events: MediaSessionEvents,
  ) {}

  /** The gate's new stream; any previous one (a retry, an earlier stage) is released. */
  setLocal(stream: MediaStream | null): void {
    if (this.local !== stream) stopStream(this.local);
    this.local = stream;
    this.#applySending();
    this.events.changed();
  }

  async start(prepare: CallPrepare): Promise<void> {
    const local = this.local;
    const engine = await this.#engineFor(prepare.engine);
    if (!engine || !local || local !== this.local) return;
    await engine.start(prepare, local);
    engine.setSending('audio', this.sending.audio);
    engine.setSending('video', this.sending.video);
  }

  /** Intermission: every local track stopped and nothing sent; the connection stays for the next stage. */
  async pause(): Promise<void> {
    this.setLocal(null);
    await (await this.#engine)?.pause();
  }

  async close(): Promise<void> {
    this.#generation++;
    const engine = this.#engine;
    this.#engine = null;
    this.setLocal(null);
    this.remote = null;
    this.sending.audio = this.sending.video = true;
    this.events.changed();
    await (await engine)?.close();
  }

  /** The engine of this call, once created (the quality monitor reads its statistics). */
  engine(): Promise<MediaEngine | null> {
    return this.#engine ?? Promise.resolve(null);
  }

  setSending(kind: 'audio' | 'video', enabled: boolean): void {
    this.sending[kind] = enabled;
    this.#applySending();
    void this.#engine?.then((engine) => engine?.setSending(kind, enabled));
    this.events.changed();
  }

  /** The local preview follows mute / camera off too (a disabled track renders black, sends silence). */
  #applySending(): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = this.sending.audio;
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = this.sending.video;
  }

  #engineFor(kind: CallPrepare['engine']): Promise<MediaEngine | null> {
    if (this.#engine) return this.#engine;
    const generation = this.#generation;
    const live = () => generation === this.#generation;
    this.#engine = this.factory(kind, {
      signaling: this.signaling,
      callbacks: {
        onRemoteStream: (stream) => {
          if (!live()) return;
          this.remote = stream;
          this.events.changed();
        },
        onLinkState: (state) => {
          if (live()) this.events.link(state);
        },
      },
    })
      .then(async (engine) => {
        if (live()) return engine;
        await engine.close();
        return null;
      })
      .catch((err: unknown) => {
        // No engine means no media this stage; forgetting the failure lets the next stage try again.
        console.error('flint-call: the media engine could not be created', err);
        if (live()) this.#engine = null;
        return null;
      });
    return this.#engine;
  }
}
