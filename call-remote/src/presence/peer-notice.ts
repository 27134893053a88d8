/**
 * What the other person is up to, beyond mute: "Ben left" (their page closed: `call:peer-state`
 * with `left`) and "Ben is fixing their camera" with a countdown to when the date ends unless it
 * works (`call:peer-state` with `gate`). Each goes away when the news does: they came back
 * (`connected`), their gate passed (`gate: null`), or the call moved on or ended.
 */
import { type CallPeerState, type DeviceFailure, ServerEvent } from '@flint/shared';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';
import { type CallSnapshot, CallState } from '../fsm/index.ts';
import type { Translate } from '../i18n/index.ts';

export type PeerNotice =
  | { sessionId: string; kind: 'left' }
  | { sessionId: string; kind: 'gate'; stage: number; reason: DeviceFailure; endsAt: number };

export interface PeerNoticeSource {
  snapshot(): CallSnapshot;
  t(): Translate;
  now(): number;
}

const ENDED: ReadonlySet<CallState> = new Set([CallState.IDLE, CallState.RINGING, CallState.FINISHED, CallState.FAILED]);

/** The next notice after `state` arrived (pure, so the rules are tested without a socket). */
export function nextNotice(current: PeerNotice | null, state: CallPeerState): PeerNotice | null {
  const { sessionId } = state;
  if (!state.connected) return state.left ? { sessionId, kind: 'left' } : current;
  if (state.gate) return { sessionId, kind: 'gate', ...state.gate, endsAt: Date.parse(state.gate.endsAt) };
  // Back (a connection change), or their gate passed; a mute relay keeps a gate notice.
  return state.gate === null || current?.kind === 'left' ? null : current;
}

export class PeerNotices implements ReactiveController {
  notice: PeerNotice | null = null;
  #stop: (() => void) | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: PeerNoticeSource,
    private readonly realtime: () => RealtimePort | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = this.realtime()?.subscribe(ServerEvent.CALL_PEER_STATE, (p) => this.#receive(p)) ?? null;
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = null;
    this.#countdown(false);
  }

  #receive(state: CallPeerState): void {
    this.notice = nextNotice(this.notice, state);
    this.#countdown(this.notice?.kind === 'gate');
    this.host.requestUpdate();
  }

  /** A gate notice counts down: one render a second while it shows. */
  #countdown(on: boolean): void {
    if (on && !this.#tick) this.#tick = setInterval(() => this.host.requestUpdate(), 1000);
    if (!on && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = null;
    }
  }

  /** The notice for the call on screen, or nothing (a notice of another or a finished session is stale). */
  render() {
    const { state, context } = this.source.snapshot();
    const notice = this.notice;
    if (!notice || notice.sessionId !== context.sessionId || ENDED.has(state)) return nothing;
    const t = this.source.t();
    // Their first name ("Ben left"), or a neutral phrase before the server has told us who it is.
    const name = context.peer ? context.peer.displayName.trim().split(/\s+/)[0]! : t('ui.theOtherPerson');
    if (notice.kind === 'left') {
      return html`<p part="peer-notice" class="peer-notice" role="status" data-kind="left">
        <strong>${t('ui.peerLeft', { name })}</strong> <span>${t('ui.peerLeftWait')}</span>
      </p>`;
    }
    const seconds = Math.max(0, Math.ceil((notice.endsAt - this.source.now()) / 1000));
    const what = context.media === 'audio' ? 'ui.peerFixingMic' : 'ui.peerFixingCamera';
    return html`<p part="peer-notice" class="peer-notice" role="status" data-kind="gate">
      <strong>${t(what, { name })}</strong> <span>${t('ui.peerFixingEndsIn', { seconds })}</span>
    </p>`;
  }
}

export const peerNoticeStyles = css`
  .peer-notice {
    position: fixed;
    inset: 1rem 1rem auto;
    margin: 0 auto;
    max-width: 26rem;
    z-index: calc(var(--flint-call-z-index, 1000) + 2);
    background: var(--flint-call-card-bg, #fff);
    color: var(--flint-call-card-fg, #222);
    border-radius: var(--flint-call-radius, 0.75rem);
    padding: 0.6rem 1rem;
    box-shadow: 0 6px 20px #0004;
    text-align: center;
  }
`;
