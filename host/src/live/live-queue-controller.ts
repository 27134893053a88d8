/**
 * The live page's side effects: the device preview and the queue, as one reactive controller.
 *
 * - The preview starts when the page connects and is released (every track stopped) when the page
 *   disconnects, when the user leaves the queue, and at `call:matched`: `<flint-call>` takes over
 *   from there and its gate must find the camera free (the event reaches this controller before
 *   `call:prepare`, which is what makes the call's gate acquire devices).
 * - Queue state follows the server: the `queue:join` ack and `queue:status` (`{}` = not in the
 *   queue, e.g. left in another tab) move the phase; so does `call:matched`, whatever the phase.
 *   The date's end comes from `<flint-call>` (`flint-call-ended`), the one source hosts route on.
 * - Leaving the page while in the queue leaves the queue: nobody is paired while not looking.
 */
import {
  type CallMatched,
  ClientEvent,
  type DeviceFailure,
  type ErrorCode,
  type FlintNotification,
  type PublicUser,
  type QueueStatus,
  ServerEvent,
} from '@flint/shared';
import type { FlintCallEndedEvent } from 'call/flint-call';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SourceEffect } from '../pages/bindings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { acquirePreview, browserCapture, type Capture, type PreviewError, stopStream } from './device-preview.ts';

export type QueuePhase = 'out' | 'joining' | 'waiting' | 'leaving' | 'matched';

export type PreviewState =
  | { status: 'off' }
  | { status: 'starting' }
  | { status: 'ready'; stream: MediaStream }
  | { status: 'failed'; failure: DeviceFailure };

export class LiveQueueController implements ReactiveController {
  preview: PreviewState = { status: 'off' };
  phase: QueuePhase = 'out';
  status: QueueStatus = {};
  /** Why the last join or leave failed, until the next attempt. */
  error: ErrorCode | null = null;
  /** Who the last live session was with (kept after it ends, to recognise its match notification). */
  peer: PublicUser | null = null;
  /** The `match` notification of the last live session: both said yes, and a chat exists. */
  match: FlintNotification | null = null;
  #realtime: RealtimeStore | null = null;
  #sessionId: string | null = null;
  #connected = false;
  /** Bumped by every start and stop, so a stream that arrives after a stop is released at once. */
  #previewRun = 0;
  readonly #events: SourceEffect<RealtimeStore>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly capture: Capture = browserCapture,
  ) {
    host.addController(this);
    this.#events = new SourceEffect<RealtimeStore>(host, (rt) => {
      const stops = [
        rt.subscribe(ServerEvent.QUEUE_STATUS, (s) => this.#onStatus(s)),
        rt.subscribe(ServerEvent.CALL_MATCHED, (m) => this.#onMatched(m)),
        rt.subscribe(ServerEvent.NOTIFICATION, (n) => this.#onNotification(n)),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    });
  }

  /** The realtime store from context (null when its remote could not load). */
  use(realtime: RealtimeStore | null): void {
    this.#realtime = realtime;
    this.#events.use(realtime);
  }

  get available(): boolean {
    return this.#realtime !== null;
  }

  get canJoin(): boolean {
    return this.available && this.phase === 'out' && this.preview.status === 'ready';
  }

  hostConnected(): void {
    this.#connected = true;
    // <flint-call> lives beside the page (the shell mounts it), so its composed event is heard on window.
    window.addEventListener('flint-call-ended', this.#onEnded);
    if (this.phase === 'out') void this.startPreview();
  }

  hostDisconnected(): void {
    this.#connected = false;
    window.removeEventListener('flint-call-ended', this.#onEnded);
    this.stopPreview();
    if (this.phase === 'waiting' || this.phase === 'joining') void this.#realtime?.request(ClientEvent.QUEUE_LEAVE, {});
    if (this.phase !== 'matched') this.#set({ phase: 'out', status: {} });
  }

  async startPreview(): Promise<void> {
    const run = ++this.#previewRun;
    this.#set({ preview: { status: 'starting' } });
    try {
      const stream = await acquirePreview(this.capture);
      if (run !== this.#previewRun) return stopStream(stream);
      this.#set({ preview: { status: 'ready', stream } });
    } catch (err) {
      if (run === this.#previewRun) this.#set({ preview: { status: 'failed', failure: (err as PreviewError).failure } });
    }
  }

  stopPreview(): void {
    this.#previewRun++;
    if (this.preview.status === 'ready') stopStream(this.preview.stream);
    if (this.preview.status !== 'off') this.#set({ preview: { status: 'off' } });
  }

  async join(): Promise<void> {
    const rt = this.#realtime;
    if (!rt || !this.canJoin) return;
    this.#set({ phase: 'joining', error: null, match: null, peer: null });
    const ack = await rt.request(ClientEvent.QUEUE_JOIN, {});
    if (ack.ok && ack.data.status === 'waiting' && !this.#connected) {
      // The page went away while the join was in flight: its leave may have reached the server first.
      void rt.request(ClientEvent.QUEUE_LEAVE, {});
      return;
    }
    // queue:status or call:matched (both sent before the ack) may already have moved the phase on.
    if (this.phase !== 'joining') return;
    if (!ack.ok) return this.#set({ phase: 'out', error: ack.error.code });
    if (ack.data.status === 'matched') return this.#matched(ack.data.sessionId, null);
    const { position, estimateMs } = ack.data;
    this.#set({ phase: 'waiting', status: { position, estimateMs } });
  }

  async leave(): Promise<void> {
    const rt = this.#realtime;
    if (!rt || this.phase !== 'waiting') return;
    this.#set({ phase: 'leaving', error: null });
    const ack = await rt.request(ClientEvent.QUEUE_LEAVE, {});
    // Re-read after the await (TypeScript keeps the narrowing from before it).
    if ((this.phase as QueuePhase) !== 'leaving') return;
    // wrong-state: no longer waiting (left in another tab, or just paired: call:matched is on its way).
    if (ack.ok || ack.error.code === 'wrong-state') {
      this.stopPreview();
      return this.#set({ phase: 'out', status: {} });
    }
    this.#set({ phase: 'waiting', error: ack.error.code });
  }

  #onStatus(status: QueueStatus): void {
    if (status.position === undefined) {
      // Out of the queue (this tab's leave, or another tab's): the camera is not needed any more.
      if (this.phase === 'waiting' || this.phase === 'leaving') {
        this.stopPreview();
        this.#set({ phase: 'out', status: {} });
      }
    } else if (this.phase === 'out' || this.phase === 'joining' || this.phase === 'waiting') {
      this.#set({ phase: 'waiting', status });
    }
  }

  #onMatched({ sessionId, kind, peer }: CallMatched): void {
    if (kind === 'live') this.#matched(sessionId, peer);
  }

  #matched(sessionId: string, peer: PublicUser | null): void {
    // Synchronously, before call:prepare is dispatched: the call's gate must find the devices free.
    this.stopPreview();
    this.#sessionId = sessionId;
    this.#set({ phase: 'matched', status: {}, peer: peer ?? this.peer, match: null });
  }

  /** The date that started here is over (whatever ended it): ready to queue again. */
  #onEnded = ({ detail }: FlintCallEndedEvent): void => {
    if (this.phase === 'matched' && detail.sessionId === this.#sessionId) this.#set({ phase: 'out' });
  };

  #onNotification(n: FlintNotification): void {
    const from = n.data?.userId;
    if (n.kind === 'match' && this.peer && (from === undefined || from === this.peer.id)) this.#set({ match: n });
  }

  #set(change: Partial<Pick<LiveQueueController, 'preview' | 'phase' | 'status' | 'error' | 'peer' | 'match'>>): void {
    Object.assign(this, change);
    this.host.requestUpdate();
  }
}
