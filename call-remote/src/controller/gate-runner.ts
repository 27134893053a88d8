/**
 * Runs the hardware gate for the controller: one acquire at a time (a newer run or leaving the
 * gate makes an older result stale, and a stale stream is released at once), and the permission
 * watch that retries by itself while a "permission denied" failure is shown.
 */
import type { StageMedia } from '@flint/shared';
import { type CallEvent, type CallSnapshot, CallState } from '../fsm/index.ts';
import { stopStream } from '../gate/acquire.ts';
import { DeviceError } from '../gate/device-error.ts';
import type { GatePort } from './ports.ts';

export interface GateRunnerHost {
  readonly snapshot: CallSnapshot;
  dispatch(event: CallEvent): void;
  /** The passed gate's stream becomes the call's local stream. */
  setLocal(stream: MediaStream): void;
}

const GATE_STATES: ReadonlySet<CallState> = new Set([CallState.CHECKING_DEVICES, CallState.NEXT_STAGE]);

export class GateRunner {
  #run = 0;
  #stopWatch: (() => void) | null = null;
  /** Devices asked for ahead of a stage's gate (warm()), taken by that gate's run. */
  #warm: { stage: number; media: StageMedia; stream: Promise<MediaStream> } | null = null;

  constructor(
    private readonly gate: GatePort,
    private readonly host: GateRunnerHost,
  ) {}

  async run(stage: number, media: StageMedia): Promise<void> {
    const run = ++this.#run;
    const current = () => {
      const { state, context } = this.host.snapshot;
      return run === this.#run && GATE_STATES.has(state) && context.stage === stage;
    };
    const warm = this.#warm?.stage === stage && this.#warm.media === media ? this.#warm.stream : null;
    if (warm) this.#warm = null;
    else this.#release(); // warmed for something else: not needed
    try {
      const stream = await (warm ?? this.gate.acquire(media));
      if (!current()) return stopStream(stream);
      this.host.setLocal(stream);
      this.host.dispatch({ type: 'DEVICES_OK', stage });
    } catch (error) {
      if (current()) this.host.dispatch({ type: 'DEVICES_FAILED', stage, reason: DeviceError.from(error).reason });
    }
  }

  /**
   * The decision for `stage` is taken as far as this side can tell: acquire its devices now, in
   * parallel with the server's prepare, for that stage's gate to take. A failure is shown by the gate.
   */
  warm(stage: number, media: StageMedia): void {
    this.#release();
    const stream = this.gate.acquire(media);
    stream.catch(() => undefined);
    this.#warm = { stage, media, stream };
  }

  /** Any acquire in flight is stale from now on (the call left the gate or ended); warmed devices are released. */
  cancel(): void {
    this.#run++;
    this.#release();
  }

  #release(): void {
    void this.#warm?.stream.then(stopStream, () => undefined);
    this.#warm = null;
  }

  /** After every transition: watch permissions exactly while a permission failure is on screen. */
  sync(): void {
    const { state, context } = this.host.snapshot;
    const wanted = state === CallState.CHECKING_DEVICES && context.deviceFailure === 'permission-denied';
    if (wanted && !this.#stopWatch) {
      this.#stopWatch = this.gate.watchPermissions(context.media ?? 'video', () => this.host.dispatch({ type: 'RETRY_DEVICES' }));
    } else if (!wanted && this.#stopWatch) {
      this.#stopWatch();
      this.#stopWatch = null;
    }
  }
}
