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
    try {
      const stream = await this.gate.acquire(media);
      if (!current()) return stopStream(stream);
      this.host.setLocal(stream);
      this.host.dispatch({ type: 'DEVICES_OK', stage });
    } catch (error) {
      if (current()) this.host.dispatch({ type: 'DEVICES_FAILED', stage, reason: DeviceError.from(error).reason });
    }
  }

  /** Any acquire in flight is stale from now on (the call left the gate or ended). */
  cancel(): void {
    this.#run++;
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
