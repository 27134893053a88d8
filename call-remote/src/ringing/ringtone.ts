/**
 * The ringtone, made with WebAudio so nothing is downloaded: 440 Hz + 480 Hz (the North American
 * ring), two seconds on, four off. Browsers keep an AudioContext made without a user gesture
 * suspended (autoplay policy): the ringtone then reports `blocked`, and the next click or key
 * press anywhere on the page starts it.
 * Spec: https://webaudio.github.io/web-audio-api/#dom-baseaudiocontext-state
 */

export type RingSound = 'off' | 'playing' | 'blocked';

const TONES = [440, 480];
const ON_S = 2;
const CYCLE_S = 6;
/** Cycles scheduled up front: far longer than any ring (30 s by default). */
const CYCLES = 30;
const UNBLOCK_EVENTS = ['pointerdown', 'keydown'] as const;

export class Ringtone {
  sound: RingSound = 'off';
  #ctx: AudioContext | null = null;

  constructor(private readonly changed: () => void) {}

  start(): void {
    if (this.#ctx || typeof AudioContext !== 'function') return;
    const ctx = new AudioContext();
    this.#ctx = ctx;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    for (const frequency of TONES) {
      const tone = new OscillatorNode(ctx, { frequency });
      tone.connect(gain);
      tone.start();
    }
    // A suspended context's clock stands still, so the cadence starts when the sound does.
    for (let i = 0; i < CYCLES; i++) {
      gain.gain.setValueAtTime(0.12, ctx.currentTime + i * CYCLE_S);
      gain.gain.setValueAtTime(0, ctx.currentTime + i * CYCLE_S + ON_S);
    }
    ctx.onstatechange = () => this.#follow(ctx);
    for (const type of UNBLOCK_EVENTS) document.addEventListener(type, this.#unblock, true);
    this.#follow(ctx);
    void ctx.resume().catch(() => undefined);
  }

  stop(): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    this.#ctx = null;
    for (const type of UNBLOCK_EVENTS) document.removeEventListener(type, this.#unblock, true);
    ctx.onstatechange = null;
    void ctx.close().catch(() => undefined);
    this.#set('off');
  }

  #unblock = (): void => {
    void this.#ctx?.resume().catch(() => undefined);
  };

  #follow(ctx: AudioContext): void {
    if (ctx === this.#ctx) this.#set(ctx.state === 'running' ? 'playing' : 'blocked');
  }

  #set(sound: RingSound): void {
    if (sound === this.sound) return;
    this.sound = sound;
    this.changed();
  }
}
