/** `<flint-call>`: the one call surface of Flint (ARCHITECTURE §4); its contract is the class JSDoc. */
import type { SessionKind } from '@flint/shared';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { CallController } from './controller/call-controller.ts';
import { defaultPorts } from './controller/default-ports.ts';
import type { CallPorts } from './controller/ports.ts';
import { FlintCallEndedEvent, FlintCallStateChangeEvent } from './events/index.ts';
import { type CallSnapshot, type CallState, initialSnapshot } from './fsm/index.ts';
import { CallLevels } from './gate/call-levels.ts';
import { localeOf, type Translate, translator } from './i18n/index.ts';
import { PeerPresence, peerNoticeStyles } from './presence/peer-presence.ts';
import { Ringer } from './ringing/ringer.ts';
import { Announcer } from './ui/announcer.ts';
import { callActions } from './ui/call-actions.ts';
import { FocusReturn } from './ui/focus-return.ts';
import { dialogKey, renderCall } from './ui/render-call.ts';
import { SafetyController } from './ui/safety-actions.ts';
import { safetyStyles } from './ui/safety-view.ts';
import { callStyles } from './ui/styles.ts';
import { viewModelOf } from './ui/view-model.ts';

/**
 * `<flint-call>`: the one call surface of Flint, mounted once by the host. Staged video dates:
 * ringing, the hardware gate, stages and intermissions on one surface that never navigates.
 * State lives in the call FSM (`fsm/`); `CallController` runs it against the socket store, the
 * gate and the media engine.
 *
 * @summary Staged video dates: ringing, hardware gate, stages and intermissions on one surface.
 * @attr {string} state - Reflected, read-only: the public call state (IDLE, RINGING, … FAILED).
 * @attr {number} stage - Reflected, read-only: the 1-based stage, 0 when idle.
 * @attr {string} data-ringtone - Read-only: `playing` or `blocked` (by the browser's autoplay policy) while RINGING, absent otherwise.
 * @fires flint-call-state-change - `{ state, stage, sessionId }` on every state, stage or session change.
 * @fires flint-call-ended - `{ sessionId, kind, reason, conversationId }` once when a session ends.
 * @csspart live - the visually hidden aria-live region that announces call status.
 * @csspart ringing - the incoming call prompt (alertdialog).
 * @csspart dialing - the outgoing "Calling…" card.
 * @csspart surface - the full-screen call surface (gate, stages, intermission).
 * @csspart stage - the stage view inside the surface.
 * @csspart video-area - the area holding remote video, local preview and overlays.
 * @csspart remote-video - the peer's media element (audio and video).
 * @csspart local-video - the local camera preview during a stage.
 * @csspart timer - the stage countdown.
 * @csspart peer-state - says when the other person muted their microphone (a status region).
 * @csspart peer-notice - says when the other person left, or is fixing their camera (with the time left).

 * @csspart quality - both sides' connection quality during a stage, in words (inside: `quality-level` and `quality-good` / `quality-fair` / `quality-poor` / `quality-lost`).
 * @csspart gate - the hardware gate panel (inside: `gate-preview` camera preview, `mic-level` meter).
 * @csspart intermission - the "Continue to stage N?" overlay (inside: `countdown`).
 * @csspart reconnecting - the reconnecting banner.
 * @csspart controls - each row of buttons.
 * @csspart summary - the end-of-call summary dialog.
 * @csspart safety-dialog - the Report / Block dialog (a modal `<dialog>`), opened from the stage controls.
 * @csspart elsewhere - the "In a date in another tab" notice (another tab or device of this person runs the call).
 * @csspart outdated - the "Flint was updated: reload" notice (the server no longer speaks this page's protocol).
 * @cssproperty [--flint-call-accent=#c8323a] - accent colour (primary buttons, focus ring); white text on it must keep 4.5:1.
 * @cssproperty [--flint-call-danger=#c62828] - hang up / decline buttons.
 * @cssproperty [--flint-call-bg=#15151a] - call surface background.
 * @cssproperty [--flint-call-fg=#fff] - call surface text colour.
 * @cssproperty [--flint-call-card-bg=#fff] - ringing / summary card background.
 * @cssproperty [--flint-call-card-fg=#222] - ringing / summary card text colour.
 * @cssproperty [--flint-call-radius=0.75rem] - corner radius of cards and video.
 * @cssproperty [--flint-call-z-index=1000] - stacking of the call above the host page.
 */
export class FlintCall extends LitElement {
  static override styles = [callStyles, safetyStyles, peerNoticeStyles];

  /** Replaces some of the default ports; read once, when the element first connects (tests, other hosts). */
  @property({ attribute: false }) ports: Partial<CallPorts> = {};
  /** UI language (`en` or `es`); defaults to the nearest `lang` attribute. */
  @property() locale: string | null = null;

  #call: CallController | null = null;
  #ports: CallPorts | null = null;
  #realtime = () => this.#ports?.realtime ?? null;
  #source = { snapshot: () => this.#snapshotOf(), t: () => this.#translate(), now: () => this.#now() };
  #ringer = new Ringer(this, this.#source);
  #levels = new CallLevels(this, () => this.#call?.media ?? null);
  #announcer = new Announcer(this, this.#source);
  #presence = new PeerPresence(this, this.#source, this.#realtime);
  #safety = new SafetyController(this, this.#realtime, () => this.#snapshotOf().context.sessionId);

  constructor() {
    super();
    new FocusReturn(this, () => dialogKey({ snapshot: this.#snapshotOf() }));
  }
  /** The public call state (read-only; also the reflected `state` attribute). */
  get state(): CallState {
    return this.#snapshotOf().state;
  }
  /** The 1-based stage (read-only; also the reflected `stage` attribute); 0 when idle. */
  get stage(): number {
    return this.#snapshotOf().context.stage;
  }

  /** `staged` rings the other person of match `matchId`; `live` attaches to the live pairing with that id (FAILED if none). */
  startSession(matchId: string, kind: SessionKind): void {
    this.#call?.dispatch({ type: 'START', matchId, kind });
  }
  /** Answers the ringing invite. */
  accept(): void {
    this.#call?.dispatch({ type: 'ACCEPT' });
  }
  /** Declines the ringing invite. */
  decline(): void {
    this.#call?.dispatch({ type: 'DECLINE' });
  }
  /** This side's decision at an intermission. */
  vote(proceed: boolean): void {
    this.#call?.dispatch({ type: 'VOTE', proceed });
  }
  /** Leaves the call (cancels while calling, declines while ringing). */
  hangUp(): void {
    this.#call?.dispatch({ type: 'HANG_UP' });
  }

  override connectedCallback(): void {
    // Created before super.connectedCallback() so Lit connects it along with the other controllers.
    this.#ports ??= { ...defaultPorts(), ...this.ports };
    this.#call ??= new CallController(this, this.#ports, {
      stateChanged: (snapshot) => this.#reflect(snapshot, true),
      ended: (detail) => this.#emit(new FlintCallEndedEvent(detail)),
      announce: (key, params) => this.#announcer.say(key, params),
      changed: () => this.requestUpdate(),
    });
    super.connectedCallback();
    this.#reflect(this.#snapshotOf(), false);
  }
  #snapshotOf = (): CallSnapshot => this.#call?.snapshot ?? initialSnapshot;
  #now = (): number => this.#ports?.clock.now() ?? Date.now();
  /** Through one method so the manifest's events come from the JSDoc, not from parsing call sites. */
  #emit = (event: Event): boolean => this.dispatchEvent(event);
  #translate = (): Translate =>
    translator(localeOf(this.locale ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang));

  /** Attributes first, so listeners of the event read the same state from the element. */
  #reflect({ state, context }: CallSnapshot, notify: boolean): void {
    this.setAttribute('state', state);
    this.setAttribute('stage', String(context.stage));
    if (notify) this.#emit(new FlintCallStateChangeEvent({ state, stage: context.stage, sessionId: context.sessionId }));
  }
  #actions = callActions(this, () => this.#call);

  override render() {
    const parts = { snapshot: this.#snapshotOf(), t: this.#translate(), now: this.#now(), act: this.#actions, safety: this.#safety };
    const vm = viewModelOf(this.#call, { ...parts, ...this.#levels.read(), sound: this.#ringer.sound });
    return [renderCall(vm, this.#announcer.text), this.#presence.render()];
  }
}

export * from './events/index.ts';

if (!customElements.get('flint-call')) customElements.define('flint-call', FlintCall);

declare global {
  interface HTMLElementTagNameMap {
    'flint-call': FlintCall;
  }
}
