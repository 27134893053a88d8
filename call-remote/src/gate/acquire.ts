/**
 * The gate's device check: ask for exactly what the stage needs (audio stage → microphone; video
 * stage → microphone + camera), bounded by a timeout because a wedged driver can leave
 * getUserMedia pending forever. Failures come back as DeviceError.
 */
import type { StageMedia } from '@flint/shared';
import { DeviceError } from './device-error.ts';

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export interface GateOptions {
  getUserMedia?: GetUserMedia;
  /** How long one getUserMedia may take before it counts as device-timeout. */
  timeoutMs?: number;
}

export const ACQUIRE_TIMEOUT_MS = 10_000;

export const constraintsFor = (media: StageMedia): MediaStreamConstraints => ({
  audio: { echoCancellation: true, noiseSuppression: true },
  video: media === 'video' ? { width: { ideal: 640 }, height: { ideal: 480 } } : false,
});

export const stopStream = (stream: MediaStream | null | undefined): void => {
  for (const track of stream?.getTracks() ?? []) track.stop();
};

/** Resolves with a stream holding every track the stage needs, or rejects with a DeviceError. */
export function acquire(media: StageMedia, options: GateOptions = {}): Promise<MediaStream> {
  const getUserMedia = options.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
  const timeoutMs = options.timeoutMs ?? ACQUIRE_TIMEOUT_MS;
  return new Promise<MediaStream>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(DeviceError.timeout(timeoutMs));
    }, timeoutMs);
    getUserMedia(constraintsFor(media)).then(
      (stream) => {
        clearTimeout(timer);
        // Answered after we gave up: release the hardware nobody will use.
        if (settled) return stopStream(stream);
        settled = true;
        const missing =
          stream.getAudioTracks().length === 0 ? 'audio' : media === 'video' && stream.getVideoTracks().length === 0 ? 'video' : null;
        if (missing) {
          stopStream(stream);
          reject(DeviceError.missing(missing));
        } else resolve(stream);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(DeviceError.from(error));
      },
    );
  });
}
