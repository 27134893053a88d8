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
 * re-renders. The callbacks stop once `isOpen()` is false.
 */
export function watchPeer(pc: RTCPeerConnection, callbacks: MediaEngineCallbacks, isOpen: () => boolean): void {
  const remote = new Set<MediaStreamTrack>();
  const publish = () => {
    if (isOpen()) callbacks.onRemoteStream(remote.size ? new MediaStream([...remote]) : null);
  };
  pc.ontrack = ({ track }) => {
    if (remote.has(track)) return;
    remote.add(track);
    // Ended only when the transceiver stops (the peer removed the kind), not while it is paused.
    track.addEventListener('ended', () => {
      remote.delete(track);
      publish();
    });
    publish();
  };
  pc.onconnectionstatechange = () => {
    const state = LINK_STATES[pc.connectionState];
    // ICE restart is how a failed path is retried without renegotiating the whole session.
    if (pc.connectionState === 'failed') pc.restartIce();
    if (state && isOpen()) callbacks.onLinkState(state);
  };
}

/** On a reused connection no state change will come: say again where the transport stands. */
export function restateLink(pc: RTCPeerConnection, callbacks: MediaEngineCallbacks): void {
  const state = LINK_STATES[pc.connectionState];
  if (state) callbacks.onLinkState(state);
}
