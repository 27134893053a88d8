/**
 * Both audio levels a call shows: this person's microphone (the gate's and the stage's meter) and
 * the other person's voice (the voice stage's speaking ring), each a MicLevelController.
 */
import type { ReactiveControllerHost } from 'lit';
import { MicLevelController } from './mic-level-controller.ts';

interface Streams {
  local: MediaStream | null;
  remote: MediaStream | null;
}

export class CallLevels {
  #local: MicLevelController;
  #peer: MicLevelController;

  constructor(host: ReactiveControllerHost, media: () => Streams | null) {
    this.#local = new MicLevelController(host, () => media()?.local ?? null);
    this.#peer = new MicLevelController(host, () => media()?.remote ?? null);
  }

  /** The levels (0..1) for this render. */
  read(): { level: number; peerLevel: number } {
    return { level: this.#local.level, peerLevel: this.#peer.level };
  }
}
