/**
 * The call state machine: `transition(snapshot, event) → { state, context, effects, ignored }`.
 * Pure: no DOM, socket, timer, clock or randomness; effects are data a controller runs.
 *
 * The TABLE below is the whole machine: state → event type → handler. A pair that is not in the
 * table, or whose handler's guard declines (answers null), is forbidden and IGNORED: the same
 * snapshot comes back with no effects and `ignored: true`. Nothing throws, so stale, duplicate or
 * out-of-order server events are harmless. Events bound to a session (prepare, stage-*, peer-*,
 * ended, cancelled, answered-elsewhere) are also ignored unless their sessionId is the current one,
 * and stage events unless they name the current stage.
 *
 * Decisions (the brief left them open):
 * - NEXT_STAGE is the short state between "both said yes" and the next stage's gate result. The
 *   server reveals a shared yes by sending call:prepare for stage n+1, so PREPARE(n+1) in
 *   INTERMISSION → NEXT_STAGE (announce + runGate). DEVICES_OK → CONNECTING as from the first gate;
 *   DEVICES_FAILED → CHECKING_DEVICES, which is where failures and retries live.
 * - A failed gate never starts the stage, yet each failure must offer a retry that works without
 *   reloading. So DEVICES_FAILED stays in CHECKING_DEVICES with `context.deviceFailure` set and
 *   RETRY_DEVICES re-runs the gate. `call:device-failed` (after which the server ends the session for
 *   both as device-unavailable) is sent only when the user gives up (HANG_UP while failing) or the
 *   gate deadline passes: PREPARE starts a `gate` timer of GATE_TIMEOUT_MS (45 s, one budget for the
 *   whole gate, retries included) that comes back as GATE_TIMEOUT. Giving up ends locally at once in
 *   FAILED with deviceFailure; the server's call:ended then finds FAILED and is ignored.
 * - A callee who accepts goes to CONNECTING at stage 0 until the first call:prepare; a live pairing
 *   (MATCHED) waits in DIALING like a caller. START always sends call:request (live sessions begin
 *   from the server's queue, i.e. MATCHED).
 * - Endings: call:ended → FAILED for device-unavailable and ring-timeout, FINISHED otherwise. HANG_UP
 *   ends locally at once (call:leave; "cancelled" for a caller still dialing). A ringing invite that
 *   ends (declined, cancelled, timed out) goes back to IDLE, not to a summary. Every ending of a
 *   session emits exactly one emitEnded; a failed call:request had no session and emits none.
 * - RECONNECTING remembers what it interrupted and why (socket, peer, media). Peer/media losses heal
 *   on their own events; a socket loss heals through SOCKET_UP → resume → RESUMED(view), restored by
 *   the server's view. SOCKET_UP in IDLE also asks (resume), which is how a reload rejoins a call.
 * - emitStateChange is appended here, not by handlers: every move that changes state, stage or
 *   sessionId gets exactly one, last.
 * - Timers: `gate` is the client's deadline (GATE_TIMEOUT); `ring`/`stage`/`decision` carry server
 *   deadlines for countdowns only, since the server's events move the state.
 */
import type { CallSnapshot } from './context.ts';
import type { CallEffect } from './effects.ts';
import { boundSessionOf, type CallEvent } from './events.ts';
import { checkingHandlers, nextStageHandlers } from './handlers/gate.ts';
import { idleHandlers, summaryHandlers } from './handlers/idle.ts';
import { reconnectingHandlers } from './handlers/reconnect.ts';
import { dialingHandlers, ringingHandlers } from './handlers/ringing.ts';
import { activeHandlers, connectingHandlers, intermissionHandlers } from './handlers/stage.ts';
import type { StateHandlers, Step } from './handlers/step.ts';
import type { CallState } from './states.ts';

const TABLE: Readonly<Record<CallState, StateHandlers>> = {
  IDLE: idleHandlers,
  RINGING: ringingHandlers,
  DIALING: dialingHandlers,
  CHECKING_DEVICES: checkingHandlers,
  CONNECTING: connectingHandlers,
  STAGE_ACTIVE: activeHandlers,
  RECONNECTING: reconnectingHandlers,
  INTERMISSION: intermissionHandlers,
  NEXT_STAGE: nextStageHandlers,
  FINISHED: summaryHandlers,
  FAILED: summaryHandlers,
};

export interface TransitionResult extends CallSnapshot {
  effects: readonly CallEffect[];
  /** true when the event is forbidden in this state (or for another session/stage): nothing changed. */
  ignored: boolean;
}

const ignore = (snapshot: CallSnapshot): TransitionResult => ({
  state: snapshot.state,
  context: snapshot.context,
  effects: [],
  ignored: true,
});

export function transition(snapshot: CallSnapshot, event: CallEvent): TransitionResult {
  const handler = TABLE[snapshot.state][event.type] as ((ctx: CallSnapshot['context'], e: CallEvent) => Step | null) | undefined;
  const bound = boundSessionOf(event);
  if (!handler || (bound !== undefined && bound !== snapshot.context.sessionId)) return ignore(snapshot);
  const next = handler(snapshot.context, event);
  if (!next) return ignore(snapshot);
  const before = snapshot.context;
  const changed = next.state !== snapshot.state || next.context.stage !== before.stage || next.context.sessionId !== before.sessionId;
  const effects: CallEffect[] = changed ? [...next.effects, { type: 'emitStateChange' }] : next.effects;
  return { state: next.state, context: next.context, effects, ignored: false };
}

/** Whether `event` would do anything now (for the UI: e.g. offer "Retry" only when it counts). */
export const can = (snapshot: CallSnapshot, event: CallEvent): boolean => !transition(snapshot, event).ignored;
