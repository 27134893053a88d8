import { DeviceFailure } from './session.ts';

/**
 * getUserMedia's DOMException names (Media Capture and Streams, "getUserMedia" errors) → the typed
 * hardware failures. The one mapping for every capture in Flint: the call's gate and the live page's
 * preview alike. Pure: it reads only the error's `name`.
 */
const BY_DOM_NAME: Readonly<Record<string, DeviceFailure>> = {
  NotAllowedError: DeviceFailure.PERMISSION_DENIED,
  SecurityError: DeviceFailure.PERMISSION_DENIED,
  NotFoundError: DeviceFailure.NO_DEVICE,
  OverconstrainedError: DeviceFailure.NO_DEVICE,
  // Chromium reports a camera held by another app as NotReadableError, Firefox sometimes as AbortError.
  NotReadableError: DeviceFailure.DEVICE_BUSY,
  AbortError: DeviceFailure.DEVICE_BUSY,
};

/**
 * The failure behind whatever getUserMedia rejected with. An unknown name counts as "busy": the
 * device exists and access was not refused, so trying again is the right advice.
 */
export function deviceFailureOf(error: unknown): DeviceFailure {
  const name = (error as { name?: unknown } | null)?.name;
  return (typeof name === 'string' && Object.hasOwn(BY_DOM_NAME, name) && BY_DOM_NAME[name]) || DeviceFailure.DEVICE_BUSY;
}
