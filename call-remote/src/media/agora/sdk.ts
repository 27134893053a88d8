/**
 * The part of agora-rtc-sdk-ng (4.24) the engine uses, as structural types: the real SDK satisfies
 * them (create-engine.ts checks that at compile time) and a test passes a fake. Only types here,
 * so nothing of the SDK reaches a bundle through this file.
 */
export type AgoraUid = number | string;
export type AgoraMediaType = 'audio' | 'video' | 'datachannel';
export type AgoraConnectionState = 'DISCONNECTED' | 'CONNECTING' | 'RECONNECTING' | 'CONNECTED' | 'DISCONNECTING';

/** ILocalAudioTrack / ILocalVideoTrack, as made by createCustomAudioTrack / createCustomVideoTrack. */
export interface AgoraLocalTrack {
  /** false: the SDK stops publishing (the peer sees user-unpublished) and capturing. */
  setEnabled(enabled: boolean): Promise<void>;
  /** true: still published, sends nothing (mute / camera off). */
  setMuted(muted: boolean): Promise<void>;
  close(): void;
}

export interface AgoraRemoteTrack {
  getMediaStreamTrack(): MediaStreamTrack;
}

export interface AgoraRemoteUser {
  uid: AgoraUid;
}

export type AgoraRemoteListener = (user: AgoraRemoteUser, mediaType: AgoraMediaType) => void;

/** IAgoraRTCClient. */
export interface AgoraClient {
  readonly connectionState: AgoraConnectionState;
  join(appId: string, channel: string, token: string | null, uid?: AgoraUid | null): Promise<AgoraUid>;
  publish(tracks: AgoraLocalTrack | AgoraLocalTrack[]): Promise<void>;
  unpublish(tracks?: AgoraLocalTrack | AgoraLocalTrack[]): Promise<void>;
  subscribe(user: AgoraRemoteUser | AgoraUid, mediaType: 'audio' | 'video'): Promise<AgoraRemoteTrack>;
  leave(): Promise<void>;
  on(event: 'user-published' | 'user-unpublished', listener: AgoraRemoteListener): void;
  on(event: 'user-left', listener: (user: AgoraRemoteUser) => void): void;
  on(event: 'connection-state-change', listener: (state: AgoraConnectionState) => void): void;
  removeAllListeners(): void;
}

/** The SDK's default export (IAgoraRTC). */
export interface AgoraSdk {
  createClient(config: { mode: 'rtc'; codec: 'vp8' }): AgoraClient;
  createCustomAudioTrack(config: { mediaStreamTrack: MediaStreamTrack }): AgoraLocalTrack;
  createCustomVideoTrack(config: { mediaStreamTrack: MediaStreamTrack }): AgoraLocalTrack;
}
