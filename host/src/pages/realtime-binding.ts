/**
 * Reactive controllers for the realtime store module, which reaches a page through context (so it
 * arrives after construction, and may be null when the realtime remote failed to load). The host
 * passes the consumed value to `use()` from `willUpdate`; the controller (re)starts its work while
 * the host is connected and cleans up on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { RealtimeStore } from '../session/context.ts';

/**
 * Runs `effect(rt)` while the host is connected and a realtime module is present, restarting it
 * when the module or the `key` (a summary of whatever else the effect reads) changes.
 */
export class RealtimeEffect implements ReactiveController {
  #rt: RealtimeStore | null = null;
  #key = '';
  #connected = false;
  #cleanup: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly effect: (rt: RealtimeStore) => () => void,
  ) {
    host.addController(this);
  }

  use(rt: RealtimeStore | null, key = ''): void {
    if (rt === this.#rt && key === this.#key) return;
    this.#stop();
    this.#rt = rt;
    this.#key = key;
    if (this.#connected) this.#start();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#start();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #start(): void {
    if (this.#rt && !this.#cleanup) this.#cleanup = this.effect(this.#rt);
  }

  #stop(): void {
    this.#cleanup?.();
    this.#cleanup = undefined;
  }
}

/** Like `StoreController` from @nanostores/lit, for a store picked out of the realtime module. */
export class RealtimeStoreController<T> {
  value: T;
  readonly #effect: RealtimeEffect;

  constructor(host: ReactiveControllerHost, pick: (rt: RealtimeStore) => ReadableAtom<T>, initial: T) {
    this.value = initial;
    this.#effect = new RealtimeEffect(host, (rt) =>
      pick(rt).subscribe((value) => {
        this.value = value;
        host.requestUpdate();
      }),
    );
  }

  use(rt: RealtimeStore | null): void {
    this.#effect.use(rt);
  }
}
