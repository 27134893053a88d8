/**
 * The live page's device preview: camera and microphone, the hardware a live (video) stage needs.
 * It lives in the host, not in call-remote: the host must never bundle call-remote code, and
 * `<flint-call>` exposes its gate only inside a session. Failures are typed from the DOMException
 * name by the shared mapping the call's gate uses too, so the page can say what to do about each.
 */
import { type DeviceFailure, deviceFailureOf } from '@flint/shared';

/** A failed preview, with its typed reason (the same mapping as the call's gate) and the browser's error as the cause. */
export class PreviewError extends Error {
  constructor(
    readonly failure: DeviceFailure,
    options?: { cause?: unknown },
  ) {
    super(`camera and microphone unavailable: ${failure}`, options);
    this.name = 'PreviewError';
  }

  static from(cause: unknown): PreviewError {
    return new PreviewError(deviceFailureOf(cause), { cause });
  }
}

/** Where capture comes from: the browser's devices, or a test's stand-in. */
export type Capture = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export const browserCapture: Capture = (constraints) => {
  // No mediaDevices at all (an insecure origin): nothing to capture with.
  if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new DOMException('no mediaDevices', 'NotFoundError'));
  return navigator.mediaDevices.getUserMedia(constraints);
};

/** Camera and microphone, both required; rejects with a PreviewError. */
export async function acquirePreview(capture: Capture = browserCapture): Promise<MediaStream> {
  try {
    const stream = await capture({ audio: true, video: true });
    if (stream.getVideoTracks().length === 0 || stream.getAudioTracks().length === 0) {
      stopStream(stream);
      throw new DOMException('a camera and a microphone are both needed', 'NotFoundError');
    }
    return stream;
  } catch (err) {
    throw err instanceof PreviewError ? err : PreviewError.from(err);
  }
}

/** Releases the hardware: every track stopped, so the camera light goes off. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
