/**
 * Microphone level for the gate: a Web Audio AnalyserNode on the local stream, sampled every
 * animation frame as RMS of the time-domain signal (0 = silence, 1 = full scale).
 */
export class LevelMeter {
  #context: AudioContext;
  #frame = 0;
  #stopped = false;

  constructor(stream: MediaStream, onLevel: (level: number) => void) {
    this.#context = new AudioContext();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 512;
    this.#context.createMediaStreamSource(stream).connect(analyser);
    // A context made outside a user gesture may start suspended; the call was started or accepted
    // by a click, so resuming is allowed and costs nothing when it is already running.
    void this.#context.resume().catch(() => undefined);
    const samples = new Uint8Array(analyser.fftSize);
    const tick = () => {
      if (this.#stopped) return;
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += ((s - 128) / 128) ** 2;
      onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 2));
      this.#frame = requestAnimationFrame(tick);
    };
    tick();
  }

  stop(): void {
    this.#stopped = true;
    cancelAnimationFrame(this.#frame);
    void this.#context.close().catch(() => undefined);
  }
}
