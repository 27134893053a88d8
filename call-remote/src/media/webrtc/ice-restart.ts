/**
 * Recovery from a dropped path (a network change, a link down for a few seconds): the named offerer
 * restarts ICE as soon as the connection goes `disconnected` or `failed`, and again every
 * RESTART_EVERY_MS until it is `connected` again. A restart while the link is still down gathers nothing useful
 * (no interface, no route), so only a later one can find the path once the link is back; the
 * connection keeps its m-lines and tracks, so media resumes in the same stage. The answerer never
 * restarts on its own: it answers the offerer's restart (one side offers, no glare).
 */

/** A restart round trip on a working path takes well under a second; three seconds bounds the wait after the link returns. */
export const RESTART_EVERY_MS = 3_000;

const LOST: ReadonlySet<RTCPeerConnectionState> = new Set(['disconnected', 'failed']);

/** Watches `pc` (the offerer's) until it is closed or `isOpen()` turns false. */
export function restartIceOnLoss(pc: RTCPeerConnection, isOpen: () => boolean, everyMs = RESTART_EVERY_MS): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // A restart's own `connecting` is not a recovery: only `connected` ends the retries.
  const recovering = () => isOpen() && pc.connectionState !== 'connected' && pc.connectionState !== 'closed';
  const restart = () => {
    timer = null;
    if (!recovering()) return;
    pc.restartIce();
    timer = setTimeout(restart, everyMs);
  };
  pc.addEventListener('connectionstatechange', () => {
    if (LOST.has(pc.connectionState) && isOpen() && timer === null) restart();
    else if (!recovering() && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  });
}
