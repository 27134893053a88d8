/**
 * The call controller: holds the FSM snapshot, turns the outside world (user intents, server
 * events, socket status, gate and media results) into FSM events, and runs the effects that come
 * back against the injected ports. The FSM decides; this class only does.
 */
import { type CallPeerState, ServerEvent } from '@flint/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type CallEvent, type CallSnapshot, initialSnapshot, transition } from '../fsm/index.ts';
import { monitorQuality, type QualityMonitor } from '../quality/quality-monitor.ts';
import { CallTabs } from '../tabs/call-tabs.ts';
import { GateRunner } from './gate-runner.ts';
import { dispatchLink } from './media-link.ts';
import { MediaSession } from './media-session.ts';
import type { CallPorts } from './ports.ts';
import { type CallOutput, type EffectContext, runEffect } from './run-effect.ts';
import { SERVER_EVENTS } from './server-events.ts';
import { SignalRelay } from './signal-relay.ts';
import { Timers } from './timers.ts';

export class CallController implements ReactiveController {
  snapshot: CallSnapshot = initialSnapshot;
  readonly media: MediaSession;
  /** Which tab of this person runs the call (this one, another, or none). */
  readonly tabs = new CallTabs(() => this.host.requestUpdate());
  /** The peer's mute / camera state as relayed by `call:media` (cleared with each session). */
  peerSending = { audio: true, video: true };
  readonly quality: QualityMonitor;
  /** The server refused this page's protocol version (`$connection` status `outdated`): reload to call. */
  outdated = false;
  readonly #relay: SignalRelay;
  readonly #gate: GateRunner;
  readonly #timers: Timers;
  readonly #effects: EffectContext;
  #queue: CallEvent[] = [];
  #dispatching = false;
  /** Between hostConnected and hostDisconnected: a late ack or timer of a removed element moves nothing. */
  #attached = false;
  #unsubscribe: Array<() => void> = [];
  #socketUp = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ports: CallPorts,
    output: CallOutput,
  ) {
    const self = this;
    this.#relay = new SignalRelay(ports.realtime);
    this.#timers = new Timers(ports.clock);
    this.media = new MediaSession(ports.media, this.#relay, {
      changed: () => host.requestUpdate(),
      link: dispatchLink((event) => this.dispatch(event)),
    });
    this.quality = monitorQuality(host, this, ports);
    this.#gate = new GateRunner(ports.gate, {
      get snapshot() {
        return self.snapshot;
      },
      dispatch: (event) => this.dispatch(event),
      setLocal: (stream) => this.media.setLocal(stream),
    });
    this.#effects = {
      get snapshot() {
        return self.snapshot;
      },
      dispatch: (event) => this.dispatch(event),
      realtime: ports.realtime,
      gate: this.#gate,
      media: this.media,
      timers: this.#timers,
      tabs: this.tabs,
      output,
    };
    host.addController(this);
  }

  hostConnected(): void {
    this.#attached = true;
    const { realtime } = this.ports;
    this.tabs.open();
    this.#unsubscribe = [
      ...SERVER_EVENTS.map((listen) => listen(realtime, (event) => this.dispatch(event))),
      realtime.subscribe(ServerEvent.CALL_SIGNAL, (p) => this.#relay.receive(p)),
      realtime.subscribe(ServerEvent.CALL_PEER_STATE, (p) => this.#peerState(p)),
      realtime.subscribe(ServerEvent.CALL_ENDED, (e) => e.sessionId === this.tabs.elsewhere && this.tabs.watch(null)),
      // Subscribing last: the first SOCKET_UP asks the server for a session to rejoin (a reload).
      realtime.$connection.subscribe(({ status }) => {
        this.#outdate(status === 'outdated');
        this.#socket(status === 'connected');
      }),
    ];
  }

  hostDisconnected(): void {
    this.#attached = false;
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    this.tabs.close();
    this.#socketUp = false;
    this.#timers.clearAll();
    this.#gate.cancel();
    void this.media.close();
  }

  /** Feeds one event to the FSM; events raised while effects run are queued, so order is kept. */
  dispatch(event: CallEvent): void {
    if (!this.#attached) return;
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) this.#step(next);
    } finally {
      this.#dispatching = false;
    }
  }

  /** Mute / camera off: the engine stops sending, the peer is told (`call:media`). */
  setSending(kind: 'audio' | 'video', enabled: boolean): void {
    this.media.setSending(kind, enabled);
    const sessionId = this.snapshot.context.sessionId;
    if (sessionId) void this.ports.realtime.request('call:media', { sessionId, ...this.media.sending });
  }

  #step(event: CallEvent): void {
    const before = this.snapshot.context.sessionId;
    const result = transition(this.snapshot, event);
    if (result.ignored) return;
    this.snapshot = { state: result.state, context: result.context };
    if (result.context.sessionId !== before) this.peerSending = { audio: true, video: true };
    // A resume: the peer's state as the session keeps it, and ours told again (it may have changed).
    if (event.type === 'RESUMED' && event.view?.peerMedia) this.peerSending = { ...event.view.peerMedia };
    if (event.type === 'RESUMED' && event.view) this.setSending('audio', this.media.sending.audio);
    this.#relay.bind(result.context.sessionId);
    this.tabs.follow(result.state, result.context.sessionId);
    for (const effect of result.effects) runEffect(effect, this.#effects);
    this.#gate.sync();
    this.host.requestUpdate();
  }

  #outdate(outdated: boolean): void {
    if (outdated === this.outdated) return;
    this.outdated = outdated;
    this.host.requestUpdate();
  }

  #socket(up: boolean): void {
    if (up === this.#socketUp) return;
    this.#socketUp = up;
    this.dispatch({ type: up ? 'SOCKET_UP' : 'SOCKET_DOWN' });
  }

  /** The peer's connection goes to the FSM; their microphone / camera (when present) to the view. */
  #peerState({ sessionId, connected, audio, video }: CallPeerState): void {
    if (sessionId === this.snapshot.context.sessionId && audio !== undefined && video !== undefined) {
      this.peerSending = { audio, video };
      this.host.requestUpdate();
    }
    this.dispatch({ type: 'PEER_STATE', sessionId, connected });
  }
}
