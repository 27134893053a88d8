/**
 * The default engine: ONE RTCPeerConnection per session, kept across stages. The server's named
 * offerer makes the only offer, for audio AND video (senders.ts); every stage then swaps tracks in
 * with `replaceTrack`, with no renegotiation. An intermission stops the capture and clears every sender, so nothing is sent.
 */
import type { CallPrepare } from '@flint/shared';
import { applyVideoStep, type VideoStep } from '../../quality/video-step.ts';
import type { MediaEngine, MediaEngineCallbacks, SignalingPort } from '../media-engine.ts';
import { ConnectionCare } from './connection-care.ts';
import { parseSignal, type Signal } from './negotiation.ts';
import { restateLink, watchPeer } from './peer-events.ts';
import { isOfferer, negotiateAs } from './roles.ts';
import { type Kind, sendTracks, stopTracks } from './senders.ts';
import { type StallWatch, watchStall } from './stall-watch.ts';

export interface WebrtcEngineDeps {
  signaling: SignalingPort;
  callbacks: MediaEngineCallbacks;
  /** Overrides of STALL_MS (negotiated, not connected) and UNREACHABLE_MS (connection-care.ts). */
  stallMs?: number;
  unreachableMs?: number;
}

export function createWebrtcEngine(deps: WebrtcEngineDeps): MediaEngine {
  return new WebrtcEngine(deps);
}

/**
 * Each connection has an id; signals say which connection sent them (`from`) and which one of ours they answer (`to`, null
 * until the sender has heard from us). A peer that reloaded comes back with a fresh connection and `to: null`: we replace
 * ours to match it, and ignore whatever its old connection's counterpart (our old one) is still being sent.
 */
type Routed = Signal & { from: string; to: string | null };

class WebrtcEngine implements MediaEngine {
  readonly kind = 'webrtc' as const;
  private pc: RTCPeerConnection | null = null;
  private pcId = '';
  private remoteId: string | null = null;
  private handle: (signal: Signal) => Promise<void> = async () => {};
  private prepare: CallPrepare | null = null;
  private stall: StallWatch | null = null;
  private active = false; // between start() and pause(): a stage expects media
  private early: Routed[] = []; // signals that arrive before start() tells us our ICE servers and role
  private readonly senders = new Map<Kind, RTCRtpSender>();
  private local: MediaStream | null = null;
  private readonly muted = new Set<Kind>();
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly care: ConnectionCare;

  constructor(private readonly deps: WebrtcEngineDeps) {
    this.unsubscribe = deps.signaling.onSignal((data) => this.receive(data));
    this.care = new ConnectionCare(deps.signaling, deps.callbacks, deps.unreachableMs);
  }

  async start(prepare: CallPrepare, local: MediaStream): Promise<void> {
    if (this.closed) throw new Error('webrtc engine: start() after close()');
    const reused = this.pc !== null;
    this.prepare = prepare;
    this.care.start(prepare);
    const pc = this.pc ?? this.open(true);
    this.active = true;
    this.stall?.setActive(true);
    // A stream handed over without a pause in between: its predecessor's capture is released.
    if (this.local && this.local !== local) stopTracks(this.local, local);
    this.local = local;
    await sendTracks(this.senders, local, this.muted);
    for (const early of this.early.splice(0)) this.route(early);
    if (reused) restateLink(pc, this.deps.callbacks);
  }

  async pause(): Promise<void> {
    this.active = false;
    this.stall?.setActive(false);
    this.care.pause();
    if (this.local) stopTracks(this.local);
    await Promise.all([...this.senders.values()].map((sender) => sender.replaceTrack(null)));
  }

  /** Mute / camera off: the track stays acquired and sends silence or black. Kept for later stages. */
  setSending(kind: Kind, enabled: boolean): void {
    if (enabled) this.muted.delete(kind);
    else this.muted.add(kind);
    for (const track of this.local?.getTracks() ?? []) if (track.kind === kind) track.enabled = enabled;
  }

  readonly stats = async () => (await this.pc?.getStats()) ?? null;
  readonly setVideoStep = (step: VideoStep) => applyVideoStep(this.senders.get('video'), step);
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.care.close();
    if (this.local) stopTracks(this.local);
    this.pc?.close();
    this.pc = null;
  }

  /** `fresh`: for a start or the peer's new connection (not our retry after a stall): a full unreachable period. */
  private open(fresh: boolean): RTCPeerConnection {
    const prepare = this.prepare!;
    const pc = new RTCPeerConnection(this.care.config());
    const id = crypto.randomUUID();
    this.pc = pc;
    this.pcId = id;
    this.remoteId = null;
    this.senders.clear();
    this.care.follow(pc, fresh);
    const isOpen = () => !this.closed && this.pc === pc;
    watchPeer(pc, this.deps.callbacks, isOpen);
    this.stall = watchStall(pc, () => isOpen() && this.stalled(), this.deps.stallMs);
    this.stall.setActive(this.active);
    const send = (signal: Signal) => {
      if (isOpen()) this.deps.signaling.send({ ...signal, from: id, to: this.remoteId });
    };
    const { senders, muted } = this;
    this.handle = negotiateAs(pc, prepare, { senders, muted, send, isOpen, local: () => this.local });
    return pc;
  }

  private receive(data: Record<string, unknown>): void {
    const signal = parseSignal(data);
    if (this.closed || !signal || typeof data.from !== 'string') return;
    if (data.to !== null && typeof data.to !== 'string') return;
    const routed: Routed = { ...signal, from: data.from, to: data.to };
    if (this.pc) this.route(routed);
    else this.early.push(routed);
  }

  private route(signal: Routed): void {
    if (signal.to !== null && signal.to !== this.pcId) return; // for a connection we replaced
    if (this.remoteId !== null && signal.from !== this.remoteId) {
      if (signal.to !== null) return;
      this.replaceConnection(true);
    }
    this.remoteId = signal.from;
    void this.handle(signal);
  }

  /**
   * Negotiated but never connected (or failed) well into a stage. Say so (the call shows
   * "reconnecting" instead of a silent stage), and the offerer starts over on a new
   * connection, which the peer follows as on a reload. Not restartIce(): the stuck connection
   * in negotiation.ts's Chromium workaround answers an ICE restart and still never gathers.
   */
  private stalled(): void {
    this.deps.callbacks.onLinkState('failed');
    if (this.prepare && isOfferer(this.prepare)) this.replaceConnection(false);
  }

  /** The peer came back with a new connection (a reload), or ours stalled: start over with current tracks. */
  private replaceConnection(fresh: boolean): void {
    this.pc?.close();
    this.deps.callbacks.onRemoteStream(null);
    this.open(fresh);
    void sendTracks(this.senders, this.local, this.muted);
  }
}
