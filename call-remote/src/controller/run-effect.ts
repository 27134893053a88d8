/**
 * Executes one FSM effect against the ports. Effects never throw into the FSM: socket failures come
 * back as acks (the server re-sends the truth), media failures as link states.
 */
import type { RequestPayload } from '@flint/shared';
import type { FlintCallEndedDetail } from '../events/flint-call-ended.ts';
import type { AnnounceKey, CallEffect, CallEvent, CallSnapshot, SendEffect } from '../fsm/index.ts';
import { preloadEngine } from '../media/create-engine.ts';
import type { CallTabs } from '../tabs/call-tabs.ts';
import type { GateRunner } from './gate-runner.ts';
import type { MediaSession } from './media-session.ts';
import type { RealtimePort } from './ports.ts';
import type { Timers } from './timers.ts';

/** What the element does with the FSM's outward effects. */
export interface CallOutput {
  stateChanged(snapshot: CallSnapshot): void;
  ended(detail: FlintCallEndedDetail): void;
  announce(key: AnnounceKey, params: Record<string, string | number>): void;
  /** Something the view shows changed (a countdown second passed, a stream arrived). */
  changed(): void;
}

export interface EffectContext {
  readonly snapshot: CallSnapshot;
  dispatch(event: CallEvent): void;
  realtime: RealtimePort;
  gate: GateRunner;
  media: MediaSession;
  timers: Timers;
  tabs: CallTabs;
  output: CallOutput;
}

/** Ack errors after which asking again cannot help: the session is gone for us (or never was). */
const FINAL_RESUME_ERRORS = new Set(['forbidden', 'not-found', 'invalid-payload']);

/** Sends one of the FSM's requests whose ack changes nothing (the server's pushes move the call on). */
const send = <E extends SendEffect['event']>(realtime: RealtimePort, e: { event: E; payload: RequestPayload<E> }) =>
  realtime.request(e.event, e.payload);

export function runEffect(effect: CallEffect, c: EffectContext): void {
  switch (effect.type) {
    case 'send':
      if (effect.event !== 'call:request') {
        void send(c.realtime, effect);
        return;
      }
      void c.realtime.request('call:request', effect.payload).then((ack) => {
        c.dispatch(
          ack.ok
            ? { type: 'REQUEST_ACKED', sessionId: ack.data.sessionId }
            : { type: 'REQUEST_FAILED', code: ack.error.code, message: ack.error.message },
        );
      });
      return;
    case 'resume': {
      const payload = effect.sessionId ? { sessionId: effect.sessionId } : {};
      void c.realtime.request('call:resume', payload).then((ack) => {
        // Another tab or device runs it: this one only says so, never taking the devices.
        if (ack.ok && ack.data?.elsewhere) c.tabs.watch(ack.data.sessionId);
        // A dropped or slow socket: the next SOCKET_UP asks again.
        if (ack.ok) c.dispatch({ type: 'RESUMED', view: ack.data?.elsewhere ? null : (ack.data ?? null) });
        else if (FINAL_RESUME_ERRORS.has(ack.error.code)) c.dispatch({ type: 'RESUMED', view: null });
      });
      return;
    }
    case 'runGate':
      preloadEngine(); // the engine's chunk downloads while the devices start
      void c.gate.run(effect.stage, effect.media);
      return;
    case 'warmGate':
      preloadEngine();
      c.gate.warm(effect.stage, effect.media);
      return;
    case 'startMedia':
      c.media.start(effect.prepare).catch((err: unknown) => {
        console.error('flint-call: media did not start', err);
        c.dispatch({ type: 'MEDIA_LOST' });
      });
      return;
    case 'stopLocalMedia':
      c.gate.cancel();
      void c.media.pause();
      return;
    case 'closeMedia':
      c.gate.cancel();
      void c.media.close();
      return;
    case 'startTimer':
      if (effect.name === 'gate') c.timers.after('gate', effect.afterMs, () => c.dispatch({ type: 'GATE_TIMEOUT' }));
      else c.timers.countdown(effect.name, effect.at, () => c.output.changed());
      return;
    case 'clearTimer':
      c.timers.clear(effect.name);
      return;
    case 'clearTimers':
      c.timers.clearAll();
      return;
    case 'emitStateChange':
      c.output.stateChanged(c.snapshot);
      return;
    case 'emitEnded': {
      const { sessionId, kind, reason, conversationId } = effect;
      c.output.ended({ sessionId, kind, reason, conversationId });
      return;
    }
    case 'announce':
      c.output.announce(effect.key, effect.params ?? {});
      return;
  }
}
