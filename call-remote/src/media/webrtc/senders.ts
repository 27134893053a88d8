/**
 * The local side of the connection: which of our capture tracks each RTCRtpSender carries.
 *
 * A session negotiates BOTH kinds once, at its start: the offerer opens an audio and a video
 * transceiver (sendrecv, no track yet) and the answerer takes the offered ones. A stage then only
 * swaps tracks in and out with `replaceTrack`: a sender without a track sends nothing, so a voice
 * stage sends no video and an intermission sends nothing at all, and voice → video needs no new
 * m-line and no renegotiation.
 */

export type Kind = 'audio' | 'video';

export const KINDS: readonly Kind[] = ['audio', 'video'];

/** The offerer's transceivers, opened with its connection (they trigger its one offer). */
export function openTransceivers(pc: RTCPeerConnection, senders: Map<Kind, RTCRtpSender>): void {
  for (const kind of KINDS) senders.set(kind, pc.addTransceiver(kind, { direction: 'sendrecv' }).sender);
}

/**
 * The answerer's senders: the offered transceivers, made sendrecv. Called while the offer is the
 * remote description and before the answer, so the answer carries the direction with no new offer.
 */
export function claimOffered(pc: RTCPeerConnection, senders: Map<Kind, RTCRtpSender>): void {
  for (const kind of KINDS) {
    if (senders.has(kind)) continue;
    const offered = pc.getTransceivers().find((t) => t.mid !== null && t.direction !== 'stopped' && t.receiver.track.kind === kind);
    if (!offered) continue;
    if (offered.direction !== 'sendrecv') offered.direction = 'sendrecv';
    senders.set(kind, offered.sender);
  }
}

/**
 * Our tracks on the senders: each negotiated kind gets this stage's track, or none (cleared) when the
 * stage has no such track. A kind not negotiated yet (the answerer before the offer came) waits for
 * claimOffered. A muted kind keeps its track, disabled (silence or black).
 */
export async function sendTracks(senders: Map<Kind, RTCRtpSender>, local: MediaStream | null, muted: ReadonlySet<Kind>): Promise<void> {
  const tracks = local?.getTracks().filter((track) => track.readyState === 'live') ?? [];
  for (const kind of KINDS) {
    const track = tracks.find((t) => t.kind === kind) ?? null;
    if (track) track.enabled = !muted.has(kind);
    const sender = senders.get(kind);
    if (sender && sender.track !== track) await sender.replaceTrack(track);
  }
}

/** Ends every capture track of `stream` except those `keep` still uses. */
export function stopTracks(stream: MediaStream, keep?: MediaStream): void {
  for (const track of stream.getTracks()) if (!keep?.getTracks().includes(track)) track.stop();
}
