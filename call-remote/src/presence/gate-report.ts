/**
 * "Ben is fixing their camera": while this side's hardware gate shows a failure (and its retry or
 * permission watch runs), the server is told once per failure (`call:gate`), with how long this
 * side's own gate budget (GATE_TIMEOUT_MS, from the moment the gate opened) has left; the server
 * relays it to the other person. Passing the gate is told by `call:ready`, which clears it there.
 */
import { ClientEvent } from '@flint/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';
import { GATE_TIMEOUT_MS } from '../fsm/effects.ts';
import { type CallSnapshot, CallState } from '../fsm/index.ts';

const GATE_STATES: ReadonlySet<CallState> = new Set([CallState.CHECKING_DEVICES, CallState.NEXT_STAGE]);

export class GateReport implements ReactiveController {
  /** `session:stage` of the gate on screen and when it opened. */
  #gate: { key: string; openedAt: number } | null = null;
  #told: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: { snapshot(): CallSnapshot; now(): number },
    private readonly realtime: () => RealtimePort | null,
  ) {
    host.addController(this);
  }

  /** Runs before every render, i.e. after every FSM step (the controller asks for an update). */
  hostUpdate(): void {
    const { state, context } = this.source.snapshot();
    if (!GATE_STATES.has(state) || !context.sessionId) {
      this.#gate = null;
      return;
    }
    const key = `${context.sessionId}:${context.stage}`;
    if (this.#gate?.key !== key) this.#gate = { key, openedAt: this.source.now() };
    const failure = context.deviceFailure;
    const told = `${key}:${failure}`;
    if (failure === null || this.#told === told) return;
    this.#told = told;
    const endsInMs = Math.max(0, GATE_TIMEOUT_MS - (this.source.now() - this.#gate.openedAt));
    void this.realtime()?.request(ClientEvent.CALL_GATE, { sessionId: context.sessionId, stage: context.stage, reason: failure, endsInMs });
  }
}
