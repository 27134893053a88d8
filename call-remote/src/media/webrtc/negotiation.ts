/**
 * Negotiation with ONE named offerer (the server's `call:prepare.offerer`): only that side offers,
 * the other only answers, so offers never collide and nobody rolls back. Perfect negotiation (the
 * W3C/MDN pattern) stays underneath as the safety net, with roles that agree (the offerer is
 * impolite): should an offer ever collide, the impolite peer ignores the colliding offer and the
 * polite one rolls its own back (implicitly, inside setRemoteDescription) and answers.
 * https://w3c.github.io/webrtc-pc/#perfect-negotiation-example
 *
 * The peer's signals are handled strictly one after the other, in the order they came: a candidate
 * waits for the description before it, and an answer never overtakes the offer it answers.
 */

/**
 * What travels over `call:signal`, as plain JSON: a description, a candidate, or `hello` (the
 * answerer's fresh connection asking the offerer for an offer: after the answerer reloaded, the
 * offerer has no other way to learn it must start over).
 */
export type Signal = { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit } | { hello: true };

export interface NegotiationOptions {
  /** This side makes the offers; the other side never does (its negotiationneeded is ignored). */
  offerer: boolean;
  polite: boolean;
  /** The answerer puts its tracks on the offered transceivers here, before the answer is made. */
  beforeAnswer?(): Promise<void>;
  send(signal: Signal): void;
  /** A step that failed for a reason other than a resolved collision (logged by the engine). */
  onError(error: unknown): void;
}

/** Wires `pc` for perfect negotiation; returns the handler for the peer's signals (it queues them). */
export function negotiate(pc: RTCPeerConnection, options: NegotiationOptions): (signal: Signal) => Promise<void> {
  const { offerer, polite, send, onError, beforeAnswer } = options;
  let makingOffer = false;
  /** Our offer while its setLocalDescription runs (settles either way). */
  let offering: Promise<void> = Promise.resolve();
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;
  /** Candidates that came before any remote description (only a relay that reorders does that). */
  const early: RTCIceCandidateInit[] = [];
  let queue: Promise<void> = Promise.resolve();

  pc.onnegotiationneeded = () => {
    // The answerer's own changes (a direction it set while answering) ride on the offerer's next offer.
    if (!offerer) return;
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
    // lets its offer land and gather first. With one named offerer this path is the safety net only.
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
      await beforeAnswer?.();
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
      if ('hello' in signal) return;
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
  const { description, candidate, hello } = data;
  if (hello === true) return { hello: true };
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
