/**
 * Calls `tick` now and every `intervalMs` while the host is connected (and `enabled()` holds),
 * stopping on disconnect so a page left behind never keeps polling.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PollController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly intervalMs: number,
    private readonly tick: () => void,
    private readonly enabled: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.enabled()) return;
    this.tick();
    this.#timer = setInterval(this.tick, this.intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
