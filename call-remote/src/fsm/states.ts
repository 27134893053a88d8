/**
 * The call's public states (ARCHITECTURE section 4). The value is the name itself, so the
 * element's reflected `state` attribute, logs and tests all show the same string.
 */
export const CallState = {
  IDLE: 'IDLE',
  /** An incoming invite is ringing. */
  RINGING: 'RINGING',
  /** An outgoing request (or a live pairing) waits for the first call:prepare. */
  DIALING: 'DIALING',
  /** The hardware gate runs for the current stage (a failure stays here, with a retry). */
  CHECKING_DEVICES: 'CHECKING_DEVICES',
  /** Joining: after accept until the first prepare, and after the gate until the stage starts. */
  CONNECTING: 'CONNECTING',
  STAGE_ACTIVE: 'STAGE_ACTIVE',
  /** Socket, peer or media lost; the server's view (call:resume) decides where to go back. */
  RECONNECTING: 'RECONNECTING',
  /** Between stages: local tracks stopped, both decide. */
  INTERMISSION: 'INTERMISSION',
  /** Both said yes: the gate runs for the next stage, before any failure is known. */
  NEXT_STAGE: 'NEXT_STAGE',
  FINISHED: 'FINISHED',
  FAILED: 'FAILED',
} as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

export const CALL_STATES: readonly CallState[] = Object.values(CallState);
