/**
 * What keeps a WebRTC call honest on real networks, beside negotiation:
 * - the ICE configuration (servers and policy), with TURN credentials renewed before they expire;
 * - the failure watch: a running stage whose connection has not been `connected` for
 *   UNREACHABLE_MS has no path to the peer (no direct route and no working relay). It says
 *   `unreachable` (again every UNREACHABLE_MS while that lasts, as the server refuses a report while
 *   the peer is away), so the call ends `media-failed` instead of "reconnecting" for good.
 */
import type { CallPrepare, IceConfig } from '@flint/shared';
import type { MediaEngineCallbacks, SignalingPort } from '../media-engine.ts';
import { renewDelay, rtcConfiguration } from './ice-config.ts';

/** Loopback and relayed paths connect in well under a second; the bound for "told" is 20 s. */
export const UNREACHABLE_MS = 12_000;
/**
 * A path that worked and dropped (a link down, a network change) gets longer to come back through
 * the offerer's ICE restarts (ice-restart.ts) before the call is given up: a 5 s outage plus its
 * detection and the restart would otherwise run into UNREACHABLE_MS.
 */
export const RECOVERY_MS = 30_000;

export class ConnectionCare {
  #ice: Partial<IceConfig> = {};
  #pc: RTCPeerConnection | null = null;
  #active = false;
  #closed = false;
  #unreachable: ReturnType<typeof setTimeout> | null = null;
  /** The current connection has been `connected` at least once. */
  #worked = false;
  #renewal: ReturnType<typeof setTimeout> | null = null;
  readonly #check = () => this.#watch();

  constructor(
    private readonly signaling: SignalingPort,
    private readonly callbacks: MediaEngineCallbacks,
    private readonly unreachableMs = UNREACHABLE_MS,
  ) {}

  config(): RTCConfiguration {
    return rtcConfiguration(this.#ice);
  }

  /** A stage starts (each prepare brings fresh credentials). */
  start(prepare: CallPrepare): void {
    this.#apply(prepare);
    this.#active = true;
    this.#watch();
  }

  pause(): void {
    this.#active = false;
    this.#watch();
  }

  close(): void {
    this.#closed = true;
    this.pause();
    if (this.#renewal !== null) clearTimeout(this.#renewal);
    this.#renewal = null;
    this.#pc?.removeEventListener('connectionstatechange', this.#check);
    this.#pc = null;
  }

  /** A new connection; `restart` (the peer came back with a fresh one) gives it a full period. */
  follow(pc: RTCPeerConnection, restart: boolean): void {
    this.#pc?.removeEventListener('connectionstatechange', this.#check);
    this.#pc = pc;
    this.#worked = false;
    pc.addEventListener('connectionstatechange', this.#check);
    if (restart) this.#clearUnreachable();
    this.#watch();
  }

  #watch(): void {
    if (this.#pc?.connectionState === 'connected') this.#worked = true;
    if (!this.#active || this.#pc?.connectionState === 'connected') {
      this.#clearUnreachable();
      return;
    }
    this.#unreachable ??= setTimeout(
      () => {
        this.#unreachable = null;
        if (!this.#active || this.#pc?.connectionState === 'connected') return;
        this.callbacks.onLinkState('unreachable');
        this.#watch();
      },
      Math.max(this.unreachableMs, this.#worked ? RECOVERY_MS : 0),
    );
  }

  #clearUnreachable(): void {
    if (this.#unreachable !== null) clearTimeout(this.#unreachable);
    this.#unreachable = null;
  }

  /** New ICE settings: the live connection takes them (setConfiguration) and so will a replacement. */
  #apply(ice: Partial<IceConfig>): void {
    this.#ice = { iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy, iceExpiresAt: ice.iceExpiresAt };
    if (this.#pc && this.#pc.signalingState !== 'closed') this.#pc.setConfiguration({ ...this.#pc.getConfiguration(), ...this.config() });
    if (this.#renewal !== null) clearTimeout(this.#renewal);
    this.#renewal = null;
    this.#scheduleRenewal();
  }

  #scheduleRenewal(): void {
    const delay = renewDelay(this.#ice.iceExpiresAt, Date.now());
    const renew = this.signaling.renewIce?.bind(this.signaling);
    if (delay === null || !renew) return;
    this.#renewal = setTimeout(async () => {
      this.#renewal = null;
      const fresh = await renew();
      if (this.#closed) return;
      if (fresh) this.#apply(fresh);
      else this.#scheduleRenewal(); // refused or offline: try again while the old ones still hold
    }, delay);
  }
}
