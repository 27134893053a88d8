/**
 * One tab owns the call (ARCHITECTURE §1), in this browser: the tab running a call holds the Web
 * Lock `flint-call` for as long as it does and says so on the BroadcastChannel `flint-call-tabs`,
 * so the person's other tabs show "In a date in another tab" instead of joining. A watching tab
 * forgets the call when the owner says it is over, when the call ends (its `call:ended` reaches
 * every tab), or when the owner's lock is released (that tab closed or crashed). Across browsers
 * and devices the server is the arbiter (server/src/calls/calls.owner.ts): a tab's `call:resume`
 * answered `elsewhere` lands here too.
 * Spec: https://w3c.github.io/web-locks/ and https://html.spec.whatwg.org/#broadcasting-to-other-browsing-contexts
 */

import { CallState } from '../fsm/index.ts';

const LOCK = 'flint-call';
/** States in which this tab runs a call; a ringing invite rings every tab, and any may answer. */
const PASSIVE = new Set<CallState>([CallState.IDLE, CallState.RINGING, CallState.FINISHED, CallState.FAILED]);
const CHANNEL = 'flint-call-tabs';

type TabsMessage = { type: 'owner'; sessionId: string } | { type: 'free'; sessionId: string } | { type: 'who' };

export class CallTabs {
  /** The session another tab (or device) of this person runs, or null. */
  elsewhere: string | null = null;
  #owned: string | null = null;
  #release: (() => void) | null = null;
  #channel: BroadcastChannel | null = null;

  constructor(private readonly changed: () => void) {}

  open(): void {
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(CHANNEL);
    this.#channel.onmessage = ({ data }: MessageEvent<TabsMessage>) => this.#receive(data);
    // A tab opened mid-call learns at once from the owner (the server's answer comes too).
    this.#post({ type: 'who' });
  }

  close(): void {
    this.free();
    this.#channel?.close();
    this.#channel = null;
  }

  /** Follows this tab's call state: owning while it runs a session, free otherwise. */
  follow(state: CallState, sessionId: string | null): void {
    if (sessionId && !PASSIVE.has(state)) this.own(sessionId);
    else this.free();
  }

  /** This tab runs `sessionId` (dialing, devices, stages): hold the lock and tell the other tabs. */
  own(sessionId: string): void {
    this.#see(null);
    if (this.#owned === sessionId) return;
    this.free();
    this.#owned = sessionId;
    const locks = globalThis.navigator?.locks;
    if (locks) {
      const held = new Promise<void>((resolve) => {
        this.#release = resolve;
      });
      void locks.request(LOCK, () => held).catch(() => undefined);
    }
    this.#post({ type: 'owner', sessionId });
  }

  /** This tab no longer runs a call. */
  free(): void {
    if (this.#owned === null) return;
    this.#post({ type: 'free', sessionId: this.#owned });
    this.#owned = null;
    this.#release?.();
    this.#release = null;
  }

  /** Another tab or device runs `sessionId`; null: it is over. */
  watch(sessionId: string | null): void {
    if (this.#owned !== null && sessionId !== null) return;
    this.#see(sessionId);
    const locks = globalThis.navigator?.locks;
    if (sessionId === null || !locks) return;
    // Granted once no tab of this browser holds the call's lock any more (a shared request never
    // keeps a later owner out for long: it is released as soon as it is granted).
    void locks
      .request(LOCK, { mode: 'shared' }, async () => {
        const owners = (await locks.query()).held?.filter((l) => l.name === LOCK && l.mode === 'exclusive') ?? [];
        if (owners.length === 0 && this.elsewhere === sessionId && this.#ownerHere) this.#see(null);
      })
      .catch(() => undefined);
  }

  /** Whether the call being watched was announced by a tab of this browser (whose lock tells when it goes). */
  #ownerHere = false;

  #receive(data: TabsMessage): void {
    if (data?.type === 'who' && this.#owned) this.#post({ type: 'owner', sessionId: this.#owned });
    else if (data?.type === 'owner' && this.#owned === null) {
      this.#ownerHere = true;
      this.watch(data.sessionId);
    } else if (data?.type === 'free' && this.elsewhere === data.sessionId) this.#see(null);
  }

  #see(sessionId: string | null): void {
    if (sessionId === null) this.#ownerHere = false;
    if (this.elsewhere === sessionId) return;
    this.elsewhere = sessionId;
    this.changed();
  }

  #post(message: TabsMessage): void {
    this.#channel?.postMessage(message);
  }
}
