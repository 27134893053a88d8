/**
 * Runs a LevelMeter on whatever the current local stream is, and re-renders the host at most
 * ~10 times a second (the meter samples every frame; the screen need not).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LevelMeter } from './level-meter.ts';

const MIN_RENDER_MS = 100;

export class MicLevelController implements ReactiveController {
  level = 0;
  #stream: MediaStream | null = null;
  #meter: LevelMeter | null = null;
  #renderedAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly streamOf: () => MediaStream | null,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const stream = this.streamOf();
    if (stream === this.#stream) return;
    this.#meter?.stop();
    this.#meter = null;
    this.#stream = stream;
    this.level = 0;
    if (stream && stream.getAudioTracks().length > 0) {
      this.#meter = new LevelMeter(stream, (level) => {
        this.level = Math.max(level, this.level * 0.8);
        const now = performance.now();
        if (now - this.#renderedAt < MIN_RENDER_MS) return;
        this.#renderedAt = now;
        this.host.requestUpdate();
      });
    }
  }

  hostDisconnected(): void {
    this.#meter?.stop();
    this.#meter = null;
    this.#stream = null;
  }
}
