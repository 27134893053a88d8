/**
 * The one interface every media engine implements (ARCHITECTURE §4). Engines know nothing of the
 * call FSM: the controller calls them for the `startMedia` / `stopLocalMedia` / `closeMedia`
 * effects and turns their callbacks into FSM events (MEDIA_CONNECTED / MEDIA_LOST).
 */
import type { CallPrepare, IceConfig } from '@flint/shared';
import type { VideoStep } from '../quality/adaptation.ts';

/** `unreachable`: a running stage found no path to the peer for long (no direct route, no working relay). */
export type MediaLinkState = 'connecting' | 'connected' | 'lost' | 'failed' | 'unreachable';

export interface MediaEngineCallbacks {
  /** The peer's media (audio and, for video stages, video) as one stream; null when it goes away. */
  onRemoteStream(stream: MediaStream | null): void;
  /** Transport health: `connected` once media flows, `lost` on a drop it may recover from. */
  onLinkState(state: MediaLinkState): void;
}

/** How an engine reaches the server: only the relay of signaling to the other participant. */
export interface SignalingPort {
  send(data: Record<string, unknown>): void;
  /** Registers the handler for the peer's signaling; returns the unsubscribe. */
  onSignal(handler: (data: Record<string, unknown>) => void): () => void;
  /** Fresh ICE servers (TURN credentials expire); null when the server refused or is unreachable. */
  renewIce?(): Promise<IceConfig | null>;
}

export interface MediaEngine {
  readonly kind: 'webrtc' | 'agora';
  /**
   * Starts (or, after an intermission, resumes on the same connection where possible) sending the
   * gate's local tracks for this stage and receiving the peer's.
   */
  start(prepare: CallPrepare, local: MediaStream): Promise<void>;
  /**
   * Intermission: every local capture track is STOPPED (hardware released, camera light off) and
   * nothing is sent. The connection itself may stay up for the next stage.
   */
  pause(): Promise<void>;
  /** Local mute / camera-off during a stage (tracks stay acquired, nothing is sent). */
  setSending(kind: 'audio' | 'video', enabled: boolean): void;
  /** Ends everything: local tracks stopped, connection closed, callbacks silent afterwards. */
  close(): Promise<void>;
  /** The connection's statistics (getStats) for the quality level; absent where the engine cannot give them (Agora). */
  stats?(): Promise<RTCStatsReport | null>;
  /** Outgoing video quality: 0 full, each step lower (quality/adaptation.ts); absent where the engine adapts by itself. */
  setVideoStep?(step: VideoStep): Promise<void>;
}

export type MediaEngineFactory = (
  kind: CallPrepare['engine'],
  deps: { signaling: SignalingPort; callbacks: MediaEngineCallbacks },
) => Promise<MediaEngine>;
