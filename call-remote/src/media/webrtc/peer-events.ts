/**
 * What the engine reports from its RTCPeerConnection: the peer's tracks as one stream, and the
 * transport's health as a MediaLinkState.
 */
import type { MediaEngineCallbacks, MediaLinkState } from '../media-engine.ts';

const LINK_STATES: Partial<Record<RTCPeerConnectionState, MediaLinkState>> = {
  connecting: 'connecting',
  connected: 'connected',
  disconnected: 'lost',
  failed: 'failed',
};

/**
 * Hands the peer's tracks to `onRemoteStream` as a NEW MediaStream whenever the set changes (the
 * video of a later stage joins the audio of stage 1), so a consumer that compares by identity
 * re-renders. A track joins once media arrives on it (its first `unmute`): every session negotiates
 * a video transceiver from the start, and a voice stage must not show an empty video. The callbacks
 * stop once `isOpen()` is false.
 */
export function watchPeer(pc: RTCPeerConnection, callbacks: MediaEngineCallbacks, isOpen: () => boolean): void {
  const remote = new Set<MediaStreamTrack>();
  const publish = () => {
    if (isOpen()) callbacks.onRemoteStream(remote.size ? new MediaStream([...remote]) : null);
  };
  const join = (track: MediaStreamTrack) => {
    if (remote.has(track) || track.readyState === 'ended') return;
    remote.add(track);
    publish();
  };
  pc.ontrack = ({ track }) => {
    // Ended only when the transceiver stops (the peer removed the kind), not while it is paused.
    track.addEventListener('ended', () => {
      if (remote.delete(track)) publish();
    });
    if (track.muted) track.addEventListener('unmute', () => join(track), { once: true });
    else join(track);
  };
  pc.onconnectionstatechange = () => {
    const state = LINK_STATES[pc.connectionState];
    // A lost path is retried by the offerer's ICE restart (ice-restart.ts), not here by both sides.
    if (state && isOpen()) callbacks.onLinkState(state);
  };
}

/** On a reused connection no state change will come: say again where the transport stands. */
export function restateLink(pc: RTCPeerConnection, callbacks: MediaEngineCallbacks): void {
  const state = LINK_STATES[pc.connectionState];
  if (state) callbacks.onLinkState(state);
}
