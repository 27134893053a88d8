/**
 * Perfect negotiation (the W3C/MDN pattern): either side may change its tracks at any moment and
 * an offer collision ("glare") resolves itself. The impolite peer ignores a colliding offer; the
 * polite one rolls its own back (implicitly, inside setRemoteDescription) and answers.
 * https://w3c.github.io/webrtc-pc/#perfect-negotiation-example
 *
 * The peer's signals are handled strictly one after the other, in the order they came: a candidate
 * waits for the description before it, and an answer never overtakes the offer it answers.
 */

/** What travels over `call:signal`: exactly one of the two, as plain JSON. */
export type Signal = { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit };

export interface NegotiationOptions {
  polite: boolean;
  send(signal: Signal): void;
  /** A step that failed for a reason other than a resolved collision (logged by the engine). */
  onError(error: unknown): void;
}

/** Wires `pc` for perfect negotiation; returns the handler for the peer's signals (it queues them). */
export function negotiate(pc: RTCPeerConnection, options: NegotiationOptions): (signal: Signal) => Promise<void> {
  const { polite, send, onError } = options;
  let makingOffer = false;
  /** Our offer while its setLocalDescription runs (settles either way). */
  let offering: Promise<void> = Promise.resolve();
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;
  /** Candidates that came before any remote description (only a relay that reorders does that). */
  const early: RTCIceCandidateInit[] = [];
  let queue: Promise<void> = Promise.resolve();

  pc.onnegotiationneeded = () => {
    offering = (async () => {
      try {
        makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription) send({ description: pc.localDescription.toJSON() });
      } catch (error) {
        onError(error);
      } finally {
        makingOffer = false;
      }
    })();
  };
  // A null candidate only marks the end of gathering; the peer needs no message for it.
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) send({ candidate: candidate.toJSON() });
  };

  async function onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    // Chromium workaround: rolling back our offer while it is still being set, or while its ICE
    // gathering runs, can leave the connection unable to gather: it answers, but never emits a
    // candidate and ICE stays `new` for good (an ICE restart does not revive it). So the polite side
    // lets its offer land and gather first; negotiation-race.test.ts says when this can go.
    if (polite && description.type === 'offer' && (makingOffer || pc.signalingState === 'have-local-offer')) {
      await offering;
      await gathered(pc, GATHERING_WAIT_MS);
    }
    const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    ignoreOffer = !polite && offerCollision;
    if (ignoreOffer) return;
    isSettingRemoteAnswerPending = description.type === 'answer';
    await pc.setRemoteDescription(description);
    isSettingRemoteAnswerPending = false;
    for (const candidate of early.splice(0)) await addCandidate(candidate, true);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      if (pc.localDescription) send({ description: pc.localDescription.toJSON() });
    }
  }

  /** `stale`: it may belong to an offer we ignored or that was rolled back, so it may not apply. */
  async function addCandidate(candidate: RTCIceCandidateInit, stale: boolean): Promise<void> {
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer we ignored cannot apply; that is expected, not a failure.
      if (!ignoreOffer && !stale) throw error;
    }
  }

  async function handle(signal: Signal): Promise<void> {
    try {
      if ('description' in signal) await onDescription(signal.description);
      else if (pc.remoteDescription) await addCandidate(signal.candidate, false);
      else early.push(signal.candidate);
    } catch (error) {
      if (pc.signalingState !== 'closed') onError(error);
    }
  }

  return (signal) => (queue = queue.then(() => handle(signal)));
}

/** Host candidates come within ~150 ms; a slow TURN server must not hold the glare up for long. */
const GATHERING_WAIT_MS = 1_000;

function gathered(pc: RTCPeerConnection, atMostMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    const finish = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    };
    const timer = setTimeout(finish, atMostMs);
    pc.addEventListener('icegatheringstatechange', done);
    done();
  });
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
