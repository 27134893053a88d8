/**
 * Measures the call while a stage runs: every QUALITY_INTERVAL_MS it reads the engine's getStats,
 * turns it into a level (quality-level.ts), steps the outgoing video down or up (adaptation.ts) and
 * tells the server (`call:quality`), which relays the level to the other side (`call:peer-quality`).
 * Owns both levels for the view, and the one line the live region says: only when a side turns poor
 * or lost, never on every sample. Engines without statistics (Agora) leave the levels unknown.
 */
import { QUALITY_BOUNDS, QUALITY_INTERVAL_MS, type QualityLevel, ServerEvent } from '@flint/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock, RealtimePort } from '../controller/ports.ts';
import { type CallSnapshot, CallState } from '../fsm/index.ts';
import type { MediaEngine } from '../media/media-engine.ts';
import { adapt, initialAdaptation } from './adaptation.ts';
import type { StatsReport } from './stats-sample.ts';

export interface QualityDeps {
  snapshot(): CallSnapshot;
  engine(): Promise<MediaEngine | null>;
  peerSendsVideo(): boolean;
  realtime: RealtimePort;
  clock: Clock;
}

/** What the view shows. `alert`: the last turn to poor or lost, for the live region. */
export interface QualityView {
  mine: QualityLevel | null;
  peer: QualityLevel | null;
  /** Our outgoing video is stepped down (0: full quality). */
  step: number;
  alert: { who: 'mine' | 'peer'; level: 'poor' | 'lost' } | null;
}

const bad = (level: QualityLevel | null): level is 'poor' | 'lost' => level === 'poor' || level === 'lost';
const figure = (v: number | null, max: number) => (v === null ? null : Math.min(max, Math.round(v * 10) / 10));

export class QualityMonitor implements ReactiveController {
  view: QualityView = { mine: null, peer: null, step: 0, alert: null };
  #key: string | null = null;
  /** Bumped by every start and stop, so a sample in flight from an earlier run never schedules another. */
  #run = 0;
  #timer: unknown = null;
  #prev: StatsReport | null = null;
  #adaptation = initialAdaptation;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: QualityDeps,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.deps.realtime.subscribe(ServerEvent.CALL_PEER_QUALITY, ({ sessionId, stage, level }) => {
      if (`${sessionId}:${stage}` !== this.#key) return;
      this.#set({ peer: level }, 'peer');
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#follow(null);
  }

  /** Runs while a stage is active; a new stage (or session) starts from full quality and unknown levels. */
  hostUpdate(): void {
    const { state, context } = this.deps.snapshot();
    this.#follow(state === CallState.STAGE_ACTIVE ? `${context.sessionId}:${context.stage}` : null);
  }

  #follow(key: string | null): void {
    if (key === this.#key) return;
    this.deps.clock.clearTimeout(this.#timer);
    this.#key = key;
    this.#run += 1;
    this.#prev = null;
    this.#adaptation = initialAdaptation;
    this.view = { mine: null, peer: null, step: 0, alert: null };
    if (key) this.#schedule(this.#run);
  }

  #schedule(run: number): void {
    const next = () => run === this.#run && this.#schedule(run);
    this.#timer = this.deps.clock.setTimeout(() => void this.#tick(run).finally(next), QUALITY_INTERVAL_MS);
  }

  async #tick(run: number): Promise<void> {
    const engine = await this.deps.engine();
    const report = (await engine?.stats?.()) ?? null;
    const { levelOf, sampleOf } = await import('./measure.ts');
    if (!engine || !report || run !== this.#run) return;
    const sample = sampleOf(this.#prev, report);
    const first = this.#prev === null;
    this.#prev = report;
    if (first) return; // counters need two reports
    const { context } = this.deps.snapshot();
    const level = levelOf(sample, context.media === 'video' && this.deps.peerSendsVideo());
    // Our video follows the network alone: the peer's frame rate depends on how THEY send (their own
    // step, their congestion control ramping up), and coupling the two sides' loops through it kept
    // both down long after the link was clean again (seen in the lab).
    this.#adaptation = adapt(this.#adaptation, levelOf(sample, false), this.deps.clock.now());
    await engine.setVideoStep?.(this.#adaptation.step);
    if (run !== this.#run) return;
    this.#set({ mine: level, step: this.#adaptation.step }, 'mine');
    const { rttMs, lossPct, jitterMs, fps } = sample;
    void this.deps.realtime.request('call:quality', {
      sessionId: context.sessionId!,
      stage: context.stage,
      level,
      rttMs: figure(rttMs, QUALITY_BOUNDS.rttMs),
      lossPct: figure(lossPct, QUALITY_BOUNDS.lossPct),
      jitterMs: figure(jitterMs, QUALITY_BOUNDS.jitterMs),
      fps: figure(fps, QUALITY_BOUNDS.fps),
      videoStep: this.#adaptation.step,
    });
  }

  #set(change: Partial<QualityView>, who: 'mine' | 'peer'): void {
    const before = this.view[who];
    const after = change[who] ?? null;
    // Cleared when that side recovers, so a later turn to poor is a new text the live region says again.
    const alert = bad(after)
      ? after !== before
        ? { who, level: after }
        : this.view.alert
      : this.view.alert?.who === who
        ? null
        : this.view.alert;
    this.view = { ...this.view, ...change, alert };
    this.host.requestUpdate();
  }
}

/** The monitor of a call controller (its snapshot, media and the peer's camera), with the controller's ports. */
export const monitorQuality = (
  host: ReactiveControllerHost,
  call: {
    readonly snapshot: CallSnapshot;
    readonly media: { engine(): Promise<MediaEngine | null> };
    readonly peerSending: { video: boolean };
  },
  ports: { realtime: RealtimePort; clock: Clock },
) =>
  new QualityMonitor(host, {
    snapshot: () => call.snapshot,
    engine: () => call.media.engine(),
    peerSendsVideo: () => call.peerSending.video,
    realtime: ports.realtime,
    clock: ports.clock,
  });
