/**
 * A fake of the agora-rtc-sdk-ng surface the engine uses (Agora's network is unreachable here).
 * Every SDK call lands in `calls` as one readable line, so a test asserts the exact sequence per
 * phase; `emit` plays the SDK's events (a peer publishing, the connection changing).
 */
import type { AgoraClient, AgoraConnectionState, AgoraLocalTrack, AgoraRemoteTrack, AgoraRemoteUser, AgoraSdk, AgoraUid } from './sdk.ts';

export interface FakeTrack extends AgoraLocalTrack {
  name: string;
  mediaStreamTrack: MediaStreamTrack;
}

export class FakeAgora implements AgoraSdk {
  readonly calls: string[] = [];
  /** What `subscribe` hands back, per media type (set by the test). */
  readonly remoteTracks = new Map<'audio' | 'video', MediaStreamTrack>();
  private listeners = new Map<string, (...args: never[]) => void>();
  /** Every custom track made, in order (each wraps the MediaStreamTrack it was given). */
  readonly tracks: FakeTrack[] = [];
  connectionState: AgoraConnectionState = 'DISCONNECTED';

  /** The calls made since the last take(), which starts the next phase. */
  take(): string[] {
    return this.calls.splice(0);
  }

  emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.(...(args as never[]));
  }

  createClient(config: { mode: 'rtc'; codec: 'vp8' }): AgoraClient {
    this.calls.push(`createClient ${config.mode} ${config.codec}`);
    const sdk = this;
    const names = (tracks?: AgoraLocalTrack | AgoraLocalTrack[]) =>
      [tracks ?? []]
        .flat()
        .map((t) => (t as FakeTrack).name)
        .join(',');
    return {
      get connectionState() {
        return sdk.connectionState;
      },
      async join(appId: string, channel: string, token: string | null, uid?: AgoraUid | null) {
        sdk.calls.push(`join ${appId} ${channel} ${token} ${uid}`);
        sdk.connectionState = 'CONNECTED';
        sdk.emit('connection-state-change', 'CONNECTED', 'CONNECTING');
        return uid ?? 0;
      },
      async publish(tracks) {
        sdk.calls.push(`publish ${names(tracks)}`);
      },
      async unpublish(tracks) {
        sdk.calls.push(`unpublish ${names(tracks)}`);
      },
      async subscribe(user: AgoraRemoteUser | AgoraUid, mediaType: 'audio' | 'video'): Promise<AgoraRemoteTrack> {
        sdk.calls.push(`subscribe ${typeof user === 'object' ? user.uid : user} ${mediaType}`);
        const track = sdk.remoteTracks.get(mediaType)!;
        return { getMediaStreamTrack: () => track };
      },
      async leave() {
        sdk.calls.push('leave');
        sdk.connectionState = 'DISCONNECTED';
      },
      on(event: string, listener: (...args: never[]) => void) {
        sdk.listeners.set(event, listener);
      },
      removeAllListeners() {
        sdk.calls.push('removeAllListeners');
        sdk.listeners.clear();
      },
    };
  }

  createCustomAudioTrack(config: { mediaStreamTrack: MediaStreamTrack }): AgoraLocalTrack {
    return this.track('audio', config.mediaStreamTrack);
  }

  createCustomVideoTrack(config: { mediaStreamTrack: MediaStreamTrack }): AgoraLocalTrack {
    return this.track('video', config.mediaStreamTrack);
  }

  private track(kind: string, mediaStreamTrack: MediaStreamTrack): FakeTrack {
    const name = `${kind}#${this.tracks.length + 1}`;
    const calls = this.calls;
    calls.push(`createCustom${kind === 'audio' ? 'Audio' : 'Video'}Track ${name}`);
    const track: FakeTrack = {
      name,
      mediaStreamTrack,
      async setEnabled(enabled: boolean) {
        calls.push(`setEnabled ${name} ${enabled}`);
      },
      async setMuted(muted: boolean) {
        calls.push(`setMuted ${name} ${muted}`);
      },
      close() {
        calls.push(`close ${name}`);
      },
    };
    this.tracks.push(track);
    return track;
  }
}
