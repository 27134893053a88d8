/**
 * The safety net under negotiation: a connection whose offer and answer are both set but that is
 * still not connected `ms` later (ICE `new` or `checking`, or `failed`) will not get there by
 * itself, and the stage would run to its end in silence. The engine hears about it and acts.
 */

/** Long enough for a slow relay path (loopback connects in well under a second), short in a 3-minute stage. */
export const STALL_MS = 5_000;

const STALLING: ReadonlySet<RTCPeerConnectionState> = new Set(['new', 'connecting', 'failed']);

export interface StallWatch {
  /** Watches while a stage runs (start() until pause() or close()). */
  setActive(active: boolean): void;
}

export function watchStall(pc: RTCPeerConnection, onStall: () => void, ms = STALL_MS): StallWatch {
  let active = false;
  /** Connected once: a later drop is the offerer's ICE restart's to heal (ice-restart.ts), not a stall. */
  let worked = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const negotiated = () => pc.signalingState === 'stable' && pc.remoteDescription !== null;
  const stalling = () => {
    if (pc.connectionState === 'connected') worked = true;
    return active && !worked && negotiated() && STALLING.has(pc.connectionState);
  };
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const check = () => {
    if (!stalling()) return clear();
    timer ??= setTimeout(() => {
      timer = null;
      if (stalling()) onStall();
    }, ms);
  };
  pc.addEventListener('signalingstatechange', check);
  pc.addEventListener('connectionstatechange', check);
  return {
    setActive(value) {
      active = value;
      check();
    },
  };
}
