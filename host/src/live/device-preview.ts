/**
 * The live page's device preview: camera and microphone, the hardware a live (video) stage needs.
 * It lives in the host, not in call-remote: the host must never bundle call-remote code, and
 * `<flint-call>` exposes its gate only inside a session. Failures are typed from the DOMException
 * name, the same mapping as the call's gate, so the page can say what to do about each.
 */

export const PreviewFailure = {
  PERMISSION_DENIED: 'permission-denied',
  NO_DEVICE: 'no-device',
  DEVICE_BUSY: 'device-busy',
  UNKNOWN: 'unknown',
} as const;
export type PreviewFailure = (typeof PreviewFailure)[keyof typeof PreviewFailure];

/** A failed preview, with its typed reason and the browser's error as the cause. */
export class PreviewError extends Error {
  constructor(
    readonly failure: PreviewFailure,
    options?: { cause?: unknown },
  ) {
    super(`camera and microphone unavailable: ${failure}`, options);
    this.name = 'PreviewError';
  }

  static from(cause: unknown): PreviewError {
    return new PreviewError(failureOf(cause), { cause });
  }
}

function failureOf(err: unknown): PreviewFailure {
  switch ((err as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return PreviewFailure.PERMISSION_DENIED;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return PreviewFailure.NO_DEVICE;
    // Chromium reports a camera held by another app as NotReadableError, Firefox sometimes as AbortError.
    case 'NotReadableError':
    case 'AbortError':
      return PreviewFailure.DEVICE_BUSY;
    default:
      return PreviewFailure.UNKNOWN;
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
