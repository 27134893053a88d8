/**
 * Applies a video step (adaptation.ts) to the sender of our camera with
 * RTCRtpSender.setParameters: a bitrate cap and a resolution scale on its one encoding. Only when
 * they differ from what the sender has, so calling it on every sample costs nothing.
 */
import { VIDEO_STEPS, type VideoStep } from './adaptation.ts';

export type { VideoStep };

export async function applyVideoStep(sender: RTCRtpSender | undefined, step: VideoStep): Promise<void> {
  const params = sender?.getParameters();
  const encoding = params?.encodings?.[0];
  if (!sender || !params || !encoding) return; // not negotiated yet: the next sample applies it
  const want = VIDEO_STEPS[step];
  if ((encoding.maxBitrate ?? null) === want.maxBitrate && (encoding.scaleResolutionDownBy ?? 1) === want.scaleResolutionDownBy) return;
  if (want.maxBitrate === null) delete encoding.maxBitrate;
  else encoding.maxBitrate = want.maxBitrate;
  encoding.scaleResolutionDownBy = want.scaleResolutionDownBy;
  try {
    await sender.setParameters(params);
  } catch (err) {
    // A renegotiation in flight invalidates the parameters' transaction: the next sample tries again.
    console.warn('[flint-call] could not change the outgoing video quality', err);
  }
}
