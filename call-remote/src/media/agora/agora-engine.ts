/**
 * The Agora engine: one client joined to the session's channel for the whole call. Each stage
 * publishes custom tracks made from the gate's MediaStreamTracks (the gate owns capture, so both
 * engines start from the same stream). An intermission disables them with `setEnabled(false)`
 * (the SDK stops publishing; the peer sees user-unpublished) and stops the capture; the next
 * stage unpublishes and closes them and publishes new ones from the new gate stream.
 */
import type { CallPrepare } from '@flint/shared';
import type { MediaEngine, MediaEngineCallbacks, MediaLinkState } from '../media-engine.ts';
import type { AgoraClient, AgoraConnectionState, AgoraLocalTrack, AgoraMediaType, AgoraSdk } from './sdk.ts';

type Kind = 'audio' | 'video';

export interface AgoraEngineDeps {
  /** Loads the SDK (its own chunk in production, a fake in tests). */
  loadSdk(): Promise<AgoraSdk>;
  callbacks: MediaEngineCallbacks;
}

export async function createAgoraEngine(deps: AgoraEngineDeps): Promise<MediaEngine> {
  return new AgoraEngine(await deps.loadSdk(), deps.callbacks);
}

const LINK_STATES: Partial<Record<AgoraConnectionState, MediaLinkState>> = {
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'lost',
  DISCONNECTED: 'failed',
};

interface Published {
  kind: Kind;
  sdk: AgoraLocalTrack;
  /** The gate's track the SDK track wraps: stopped by us, since a custom track is not ours to end. */
  media: MediaStreamTrack;
}

class AgoraEngine implements MediaEngine {
  readonly kind = 'agora' as const;
  private client: AgoraClient | null = null;
  private published: Published[] = [];
  private readonly remote = new Map<Kind, MediaStreamTrack>();
  private readonly muted = new Set<Kind>();
  private closed = false;

  constructor(
    private readonly sdk: AgoraSdk,
    private readonly callbacks: MediaEngineCallbacks,
  ) {}

  async start(prepare: CallPrepare, local: MediaStream): Promise<void> {
    if (this.closed) throw new Error('agora engine: start() after close()');
    if (!prepare.agora) throw new Error('agora engine: the prepare has no agora credentials');
    const reused = this.client !== null;
    const client = this.client ?? (await this.join(prepare.agora));
    const previous = this.published.splice(0);
    if (previous.length) {
      await client.unpublish(previous.map((track) => track.sdk));
      for (const track of previous) release(track);
    }
    this.published = local
      .getTracks()
      .filter((track) => track.readyState === 'live')
      .map((media) => this.wrap(media));
    await Promise.all(this.published.filter((t) => this.muted.has(t.kind)).map((t) => t.sdk.setMuted(true)));
    await client.publish(this.published.map((track) => track.sdk));
    // A reused client reports no new connection state: say again where it stands.
    const link = LINK_STATES[client.connectionState];
    if (reused && link) this.callbacks.onLinkState(link);
  }

  async pause(): Promise<void> {
    await Promise.all(this.published.map((track) => track.sdk.setEnabled(false)));
    for (const track of this.published) track.media.stop();
  }

  /** Mute / camera off: published but silent or black. Kept for the next stage's tracks. */
  setSending(kind: Kind, enabled: boolean): void {
    if (enabled) this.muted.delete(kind);
    else this.muted.add(kind);
    for (const track of this.published) {
      if (track.kind !== kind) continue;
      track.sdk.setMuted(!enabled).catch((error: unknown) => console.warn('[flint-call] agora setMuted failed', error));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const track of this.published.splice(0)) release(track);
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    await client?.leave();
  }

  private async join(agora: NonNullable<CallPrepare['agora']>): Promise<AgoraClient> {
    const client = this.sdk.createClient({ mode: 'rtc', codec: 'vp8' });
    this.client = client;
    client.on('user-published', (user, mediaType) => {
      if (!isKind(mediaType)) return;
      client
        .subscribe(user, mediaType)
        .then((track) => this.setRemote(mediaType, track.getMediaStreamTrack()))
        .catch((error: unknown) => console.warn('[flint-call] agora subscribe failed', error));
    });
    client.on('user-unpublished', (_user, mediaType) => {
      if (isKind(mediaType)) this.setRemote(mediaType, null);
    });
    client.on('user-left', () => {
      this.remote.clear();
      this.publishRemote();
    });
    client.on('connection-state-change', (state) => {
      const link = LINK_STATES[state];
      if (link && !this.closed) this.callbacks.onLinkState(link);
    });
    await client.join(agora.appId, agora.channel, agora.token, agora.uid);
    return client;
  }

  private wrap(media: MediaStreamTrack): Published {
    const kind = media.kind as Kind;
    const config = { mediaStreamTrack: media };
    const sdk = kind === 'audio' ? this.sdk.createCustomAudioTrack(config) : this.sdk.createCustomVideoTrack(config);
    return { kind, sdk, media };
  }

  private setRemote(kind: Kind, track: MediaStreamTrack | null): void {
    if (track) this.remote.set(kind, track);
    else this.remote.delete(kind);
    this.publishRemote();
  }

  /** A NEW stream per change, so a consumer comparing by identity re-renders. */
  private publishRemote(): void {
    if (this.closed) return;
    this.callbacks.onRemoteStream(this.remote.size ? new MediaStream([...this.remote.values()]) : null);
  }
}

function release(track: Published): void {
  track.sdk.close();
  track.media.stop();
}

function isKind(mediaType: AgoraMediaType): mediaType is Kind {
  return mediaType === 'audio' || mediaType === 'video';
}
