/**
 * Perfect negotiation (the W3C/MDN pattern): either side may change its tracks at any moment and
 * an offer collision ("glare") resolves itself. The impolite peer ignores a colliding offer; the
 * polite one rolls its own back (implicitly, inside setRemoteDescription) and answers.
 * https://w3c.github.io/webrtc-pc/#perfect-negotiation-example
 */

/** What travels over `call:signal`: exactly one of the two, as plain JSON. */
export type Signal =
  | { description: RTCSessionDescriptionInit }
  | { candidate: RTCIceCandidateInit };

export interface NegotiationOptions {
  polite: boolean;
  send(signal: Signal): void;
  /** A step that failed for a reason other than a resolved collision (logged by the engine). */
  onError(error: unknown): void;
}

/** Wires `pc` for perfect negotiation; returns the handler for the peer's signals. */
export function negotiate(pc: RTCPeerConnection, options: NegotiationOptions): (signal: Signal) => Promise<void> {
  const { polite, send, onError } = options;
  let makingOffer = false;
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;

  pc.onnegotiationneeded = async () => {
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      if (pc.localDescription) send({ description: pc.localDescription.toJSON() });
    } catch (error) {
      onError(error);
    } finally {
      makingOffer = false;
    }
  };
  // A null candidate only marks the end of gathering; the peer needs no message for it.
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) send({ candidate: candidate.toJSON() });
  };

  return async (signal) => {
    try {
      if ('description' in signal) {
        const description = signal.description;
        const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || isSettingRemoteAnswerPending);
        const offerCollision = description.type === 'offer' && !readyForOffer;
        ignoreOffer = !polite && offerCollision;
        if (ignoreOffer) return;
        isSettingRemoteAnswerPending = description.type === 'answer';
        await pc.setRemoteDescription(description);
        isSettingRemoteAnswerPending = false;
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) send({ description: pc.localDescription.toJSON() });
        }
      } else {
        try {
          await pc.addIceCandidate(signal.candidate);
        } catch (error) {
          // Candidates of an offer we ignored cannot apply; that is expected, not a failure.
          if (!ignoreOffer) throw error;
        }
      }
    } catch (error) {
      if (pc.signalingState !== 'closed') onError(error);
    }
  };
}

/** The peer's data comes through the server untyped: accept only the two well-formed shapes. */
export function parseSignal(data: Record<string, unknown>): Signal | null {
  const { description, candidate } = data;
  if (isRecord(description) && typeof description.type === 'string') {
    const types = ['offer', 'answer', 'pranswer', 'rollback'];
    if (types.includes(description.type) && (description.sdp === undefined || typeof description.sdp === 'string')) {
      return { description: description as unknown as RTCSessionDescriptionInit };
    }
  }
  if (isRecord(candidate) && typeof candidate.candidate === 'string') {
    return { candidate: candidate as RTCIceCandidateInit };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
