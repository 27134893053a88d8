/** Media a stage needs. `audio` = voice only (microphone); `video` = microphone + camera. */
export const StageMedia = { AUDIO: 'audio', VIDEO: 'video' } as const;
export type StageMedia = (typeof StageMedia)[keyof typeof StageMedia];

export const SessionKind = { STAGED: 'staged', LIVE: 'live' } as const;
export type SessionKind = (typeof SessionKind)[keyof typeof SessionKind];

/** Server session states as `CallSessionView.state` reports them (call:resume). */
export const SessionState = {
  RINGING: 'ringing',
  PREPARING: 'preparing',
  ACTIVE: 'active',
  INTERMISSION: 'intermission',
  ENDED: 'ended',
} as const;
export type SessionState = (typeof SessionState)[keyof typeof SessionState];

/** Why a session ended (binding list, ARCHITECTURE section 6). */
export const EndReason = {
  COMPLETED: 'completed',
  DECLINED: 'declined',
  DECISION_TIMEOUT: 'decision-timeout',
  HUNG_UP: 'hung-up',
  RING_TIMEOUT: 'ring-timeout',
  DEVICE_UNAVAILABLE: 'device-unavailable',
  PEER_DISCONNECTED: 'peer-disconnected',
  CANCELLED: 'cancelled',
  REPORTED: 'reported',
  /** No media path could be established between the two (no direct route and no working TURN relay). */
  MEDIA_FAILED: 'media-failed',
} as const;
export type EndReason = (typeof EndReason)[keyof typeof EndReason];

/** Longest reason a `call:report` may carry: the schema enforces it, the report dialog's textarea too. */
export const MAX_REPORT_REASON = 500;

/** Typed hardware-gate failures. */
export const DeviceFailure = {
  PERMISSION_DENIED: 'permission-denied',
  NO_DEVICE: 'no-device',
  DEVICE_BUSY: 'device-busy',
  DEVICE_TIMEOUT: 'device-timeout',
} as const;
export type DeviceFailure = (typeof DeviceFailure)[keyof typeof DeviceFailure];

export interface StagePlanEntry {
  media: StageMedia;
  /** Stage length in seconds. */
  seconds: number;
}
export type StagePlan = StagePlanEntry[];

/** Parses `audio:20,video:20,video:20` (media:seconds per stage). Throws on bad input. */
export function parseStagePlan(text: string): StagePlan {
  const plan = text.split(',').map((part) => {
    const [media, secs] = part.trim().split(':');
    const seconds = Number(secs);
    if ((media !== 'audio' && media !== 'video') || !Number.isFinite(seconds) || seconds <= 0) {
      throw new Error(`invalid stage plan entry "${part}" (expected audio:SECONDS or video:SECONDS)`);
    }
    return { media, seconds } as StagePlanEntry;
  });
  if (plan.length === 0) throw new Error('stage plan is empty');
  return plan;
}

export const DEFAULT_STAGED_PLAN = 'audio:180,video:300,video:600';
export const DEFAULT_LIVE_PLAN = 'video:180';
