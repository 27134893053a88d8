/**
 * Typed hardware-gate failures (STYLE.md "Errors"): a base error with a `code` and `cause`, and a
 * device error whose factory reads the `DOMException` name getUserMedia rejects with.
 */
import { DeviceFailure, deviceFailureOf } from '@flint/shared';

/** Base of call-remote's errors: a stable code for logic and logs, the original error as `cause`. */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CallError';
  }
}

export class DeviceError extends CallError {
  constructor(
    readonly reason: DeviceFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(reason, message, options);
    this.name = 'DeviceError';
  }

  /** From whatever getUserMedia rejected with (the shared mapping: an unknown name counts as busy). */
  static from(error: unknown): DeviceError {
    if (error instanceof DeviceError) return error;
    const name = (error as { name?: unknown } | null)?.name;
    return new DeviceError(deviceFailureOf(error), `getUserMedia failed: ${typeof name === 'string' ? name : 'unknown error'}`, {
      cause: error,
    });
  }

  /** The device did not answer within the gate's acquire timeout. */
  static timeout(ms: number): DeviceError {
    return new DeviceError(DeviceFailure.DEVICE_TIMEOUT, `the device did not respond within ${ms} ms`);
  }

  /** A stream came back without a track the stage needs (e.g. no camera in a video stage). */
  static missing(kind: 'audio' | 'video'): DeviceError {
    return new DeviceError(DeviceFailure.NO_DEVICE, `no ${kind} track was delivered`);
  }
}
