/**
 * Effects are plain data: the FSM says what should happen, a controller does it against
 * injected ports (realtime, gate, media engine, clock, the element). Nothing here runs.
 */
import type { CallPrepare, EndReason, RequestPayload, SessionKind, StageMedia } from '@flint/shared';

/** The client→server events the call sends itself (call:signal and call:media belong to the engine). */
export type SentEvent =
  | 'call:request'
  | 'call:respond'
  | 'call:ready'
  | 'call:device-failed'
  | 'call:vote'
  | 'call:leave'
  | 'call:media-failed'
  | 'call:media-path';

export type SendEffect = {
  [K in SentEvent]: { type: 'send'; event: K; payload: RequestPayload<K> };
}[SentEvent];

/**
 * `gate` is the client's own deadline and comes back as GATE_TIMEOUT. The others are server
 * deadlines the UI counts down; the server's event (not the timer) moves the state.
 */
export type TimerName = 'ring' | 'gate' | 'stage' | 'decision';

/** How long the user may take to get devices working before the session is given up. */
export const GATE_TIMEOUT_MS = 45_000;

/** i18n keys for the element's aria-live region; params fill the message. */
export type AnnounceKey =
  | 'call.dialing'
  | 'call.peerUnavailable'
  | 'call.incoming'
  | 'call.matched'
  | 'call.checkingDevices'
  | 'call.nextStage'
  | 'call.deviceFailed'
  | 'call.connecting'
  | 'call.stageStarted'
  | 'call.intermission'
  | 'call.voteSent'
  | 'call.peerDecided'
  | 'call.reconnecting'
  | 'call.reconnected'
  | 'call.ended'
  | 'call.missed'
  | 'call.failed';

export type CallEffect =
  | SendEffect
  /** Check (with a live preview) what this stage needs; answer DEVICES_OK / DEVICES_FAILED. */
  | { type: 'runGate'; stage: number; media: StageMedia }
  /**
   * This side said yes after the other person decided: ask for the next stage's devices now, held
   * for that stage's gate (released if the call ends instead). Camera on only after both answered.
   */
  | { type: 'warmGate'; stage: number; media: StageMedia }
  /** Intermission: stop every local track (hardware released, camera light off); send nothing. */
  | { type: 'stopLocalMedia' }
  /** Start media for this stage, or resume it on the same surface after an intermission. */
  | { type: 'startMedia'; prepare: CallPrepare }
  /** The call is over: stop capture (gate preview included) and close the engine. */
  | { type: 'closeMedia' }
  /** Start (or replace) a timer: at the server deadline `at`, or `afterMs` from now. */
  | { type: 'startTimer'; name: 'gate'; afterMs: number }
  | { type: 'startTimer'; name: Exclude<TimerName, 'gate'>; at: string }
  | { type: 'clearTimer'; name: TimerName }
  | { type: 'clearTimers' }
  /** Fire `flint-call-state-change` from the new snapshot (added by transition() itself). */
  | { type: 'emitStateChange' }
  /** Fire `flint-call-ended`; exactly once per session. */
  | {
      type: 'emitEnded';
      sessionId: string;
      kind: SessionKind;
      reason: EndReason;
      conversationId: string | null;
    }
  | { type: 'announce'; key: AnnounceKey; params?: Record<string, string | number> }
  /** Ask the server for the truth (call:resume) and dispatch RESUMED with its answer. */
  | { type: 'resume'; sessionId: string | null };

export type CallEffectType = CallEffect['type'];
