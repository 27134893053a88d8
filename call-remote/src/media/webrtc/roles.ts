/**
 * The two sides of one session's connection, as the server named them (`call:prepare.offerer`):
 * - the OFFERER opens an audio and a video transceiver at once (its one offer negotiates both, for
 *   every stage to come) and restarts ICE when the path drops (ice-restart.ts);
 * - the ANSWERER never offers: it puts its tracks on the offered transceivers before each answer, and
 *   says `hello` from each new connection so the offerer (re)offers to it (after a reload, too).
 * Perfect negotiation's roles agree: the offerer is the impolite peer.
 */
import type { CallPrepare } from '@flint/shared';
import { restartIceOnLoss } from './ice-restart.ts';
import { negotiate, type Signal } from './negotiation.ts';
import { claimOffered, type Kind, openTransceivers, sendTracks } from './senders.ts';

export interface RoleDeps {
  senders: Map<Kind, RTCRtpSender>;
  /** The stage's capture (null or ended tracks during an intermission). */
  local(): MediaStream | null;
  muted: ReadonlySet<Kind>;
  send(signal: Signal): void;
  isOpen(): boolean;
}

/** The server's choice; an older server without `offerer` still named the impolite caller. */
export const isOfferer = (prepare: CallPrepare): boolean => prepare.offerer ?? !prepare.polite;

/** Wires `pc` for its side; returns the handler for the peer's signals. */
export function negotiateAs(pc: RTCPeerConnection, prepare: CallPrepare, deps: RoleDeps): (signal: Signal) => Promise<void> {
  const offerer = isOfferer(prepare);
  const handle = negotiate(pc, {
    offerer,
    polite: prepare.polite,
    send: deps.send,
    beforeAnswer: () => {
      claimOffered(pc, deps.senders);
      return sendTracks(deps.senders, deps.local(), deps.muted);
    },
    onError: (error) => console.warn('[flint-call] webrtc negotiation step failed', error),
  });
  if (offerer) {
    openTransceivers(pc, deps.senders);
    restartIceOnLoss(pc, deps.isOpen);
  } else deps.send({ hello: true });
  return handle;
}
