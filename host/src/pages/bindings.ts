/**
 * Reactive controllers that tie a page to things it does not own: nanostores and the realtime
 * module. Both may arrive after construction (the realtime module comes through context and may be
 * null when its remote failed to load), so the host hands the current source to `use()` from
 * `willUpdate`; work runs only while the host is connected and is undone on disconnect.
 *
 * Why not `StoreController` from @nanostores/lit: it binds one store fixed at construction (the
 * realtime stores arrive later, through context) and reads `store.get()` on every render; this keeps
 * the value the subscription delivered instead.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Runs `effect(source)` while the host is connected and a source is present, restarting it when
 * the source or the `key` (a summary of whatever else the effect reads) changes.
 */
export class SourceEffect<S> implements ReactiveController {
  #source: S | null = null;
  #key = '';
  #connected = false;
  #cleanup: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly effect: (source: S) => () => void,
  ) {
    host.addController(this);
  }

  use(source: S | null, key = ''): void {
    if (source === this.#source && key === this.#key) return;
    this.#stop();
    this.#source = source;
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
    if (this.#source !== null && !this.#cleanup) this.#cleanup = this.effect(this.#source);
  }

  #stop(): void {
    this.#cleanup?.();
    this.#cleanup = undefined;
  }
}

/** The latest value of a store, re-rendering the host on change; `initial` until a store is bound. */
export class StoreBinding<T> {
  value: T;
  readonly #effect: SourceEffect<ReadableAtom<T>>;

  constructor(host: ReactiveControllerHost, initial: T, store?: ReadableAtom<T>) {
    this.value = initial;
    this.#effect = new SourceEffect<ReadableAtom<T>>(host, (s) =>
      s.subscribe((value) => {
        this.value = value;
        host.requestUpdate();
      }),
    );
    if (store) this.#effect.use(store);
  }

  use(store: ReadableAtom<T> | null): void {
    this.#effect.use(store);
  }
}
