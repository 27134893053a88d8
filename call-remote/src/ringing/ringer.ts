/**
 * Everything that tells a person they are being called while the element is RINGING: the
 * ringtone (ringtone.ts), the tab's title flashing "… is calling", a system notification when the
 * tab is hidden and notifications were granted, and F2 to reach the prompt (ring-keys.ts). All of
 * it stops as soon as the call leaves RINGING, however it does (accept, decline, answered
 * elsewhere, cancelled, timed out). The host element's `data-ringtone` attribute says whether the
 * ringtone plays (`playing`), is held back by the browser (`blocked`), or is silent (absent).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type CallSnapshot, CallState } from '../fsm/index.ts';
import type { Translate } from '../i18n/index.ts';
import { RingKeys } from './ring-keys.ts';
import { Ringtone } from './ringtone.ts';

const FLASH_MS = 1_000;

export class Ringer implements ReactiveController {
  readonly #tone: Ringtone;
  #ringing: string | null = null;
  #title: string | null = null;
  #flash: ReturnType<typeof setInterval> | null = null;
  #notification: Notification | null = null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly source: { snapshot: () => CallSnapshot; t: () => Translate },
  ) {
    host.addController(this);
    new RingKeys(host, () => source.snapshot().state === CallState.RINGING);
    this.#tone = new Ringtone(() => {
      if (this.#tone.sound === 'off') host.removeAttribute('data-ringtone');
      else host.setAttribute('data-ringtone', this.#tone.sound);
      host.requestUpdate();
    });
  }

  get sound() {
    return this.#tone.sound;
  }

  hostUpdated(): void {
    const { state, context } = this.source.snapshot();
    const ringing = state === CallState.RINGING ? context.sessionId : null;
    if (ringing === this.#ringing) return;
    this.#stop();
    this.#ringing = ringing;
    if (ringing) this.#start(this.source.t()('ui.ringTitle', { name: context.peer?.displayName ?? '' }));
  }

  hostDisconnected(): void {
    this.#stop();
    this.#ringing = null;
  }

  #start(text: string): void {
    this.#tone.start();
    this.#title = document.title;
    const original = document.title;
    this.#flash = setInterval(() => {
      document.title = document.title === text ? original : text;
    }, FLASH_MS);
    document.title = text;
    if (document.hidden && typeof Notification === 'function' && Notification.permission === 'granted') {
      const notification = new Notification(text, { tag: `flint-call-${this.#ringing}`, requireInteraction: true });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
      this.#notification = notification;
    }
  }

  #stop(): void {
    this.#tone.stop();
    if (this.#flash !== null) clearInterval(this.#flash);
    this.#flash = null;
    if (this.#title !== null) document.title = this.#title;
    this.#title = null;
    this.#notification?.close();
    this.#notification = null;
  }
}
