/** The local side of the connection: which of our capture tracks each RTCRtpSender carries. */

export type Kind = 'audio' | 'video';

/**
 * Our tracks on the senders: replaced where the kind is negotiated, added where it is new, and
 * cleared where this stage has none. A muted kind keeps its track, disabled (silence or black).
 */
export async function sendTracks(
  pc: RTCPeerConnection,
  senders: Map<Kind, RTCRtpSender>,
  local: MediaStream,
  muted: ReadonlySet<Kind>,
): Promise<void> {
  const tracks = local.getTracks().filter((track) => track.readyState === 'live');
  for (const track of tracks) {
    const kind = track.kind as Kind;
    track.enabled = !muted.has(kind);
    const sender = senders.get(kind);
    // addTrack (not addTransceiver): on glare it pairs with the peer's m-line of the same kind.
    if (sender) await sender.replaceTrack(track);
    else senders.set(kind, pc.addTrack(track, local));
  }
  for (const [kind, sender] of senders) {
    if (!tracks.some((track) => track.kind === kind)) await sender.replaceTrack(null);
  }
}

/** Ends every capture track of `stream` except those `keep` still uses. */
export function stopTracks(stream: MediaStream, keep?: MediaStream): void {
  for (const track of stream.getTracks()) if (!keep?.getTracks().includes(track)) track.stop();
}
