/**
 * CHECKING_DEVICES and NEXT_STAGE: the hardware gate for the current stage. A failure stays in
 * CHECKING_DEVICES with the typed reason and a retry; the session is only given up (and the server
 * told, which ends it for both) when the user hangs up while failing or the gate deadline passes.
 */
import type { CallContext } from '../context.ts';
import type { EventOf } from '../events.ts';
import { CallState } from '../states.ts';
import { endFromServer, giveUpGate, leave } from './ending.ts';
import { lose, toIntermission } from './moves.ts';
import { announce, type StateHandlers, type Step, sid, step } from './step.ts';

/** Passed for the current stage: tell the server we are ready and start media for this stage. */
const devicesOk = (ctx: CallContext, e: EventOf<'DEVICES_OK'>): Step | null => {
  const prepare = ctx.prepare;
  if (e.stage !== ctx.stage || prepare?.stage !== ctx.stage) return null;
  return step(
    CallState.CONNECTING,
    { ...ctx, deviceFailure: null },
    { type: 'clearTimer', name: 'gate' },
    { type: 'send', event: 'call:ready', payload: { sessionId: sid(ctx), stage: ctx.stage } },
    { type: 'startMedia', prepare },
    announce('call.connecting'),
  );
};

/** A repeated identical failure (the gate re-checking) changes nothing, so it is ignored. */
const devicesFailed = (ctx: CallContext, e: EventOf<'DEVICES_FAILED'>): Step | null =>
  e.stage !== ctx.stage || e.reason === ctx.deviceFailure
    ? null
    : step(CallState.CHECKING_DEVICES, { ...ctx, deviceFailure: e.reason }, announce('call.deviceFailed', { reason: e.reason }));

const common = {
  DEVICES_OK: devicesOk,
  DEVICES_FAILED: devicesFailed,
  GATE_TIMEOUT: giveUpGate,
  ENDED: (ctx, { ended }) => endFromServer(ctx, ended),
} satisfies StateHandlers;

export const checkingHandlers: StateHandlers = {
  ...common,
  /** Retry is offered only while a failure is shown; the gate deadline keeps running. */
  RETRY_DEVICES: (ctx) =>
    ctx.deviceFailure === null
      ? null
      : step(
          CallState.CHECKING_DEVICES,
          { ...ctx, deviceFailure: null },
          // media is set by every prepare; if it were ever unknown, checking everything is the safe side.
          { type: 'runGate', stage: ctx.stage, media: ctx.media ?? 'video' },
        ),
  /** Hanging up on a failed gate is giving up on the devices: the server ends it as device-unavailable. */
  HANG_UP: (ctx) => (ctx.deviceFailure === null ? leave(ctx) : giveUpGate(ctx)),
  /** A rejoin into a running stage: the stage may end before the gate passes. */
  STAGE_ENDED: (ctx, e) => (e.stage === ctx.stage ? toIntermission(ctx, e.decisionEndsAt, 'gate', e.nextMedia) : null),
  SOCKET_DOWN: lose(CallState.CHECKING_DEVICES, 'socket'),
};

export const nextStageHandlers: StateHandlers = {
  ...common,
  HANG_UP: (ctx) => leave(ctx),
  SOCKET_DOWN: lose(CallState.NEXT_STAGE, 'socket'),
};
