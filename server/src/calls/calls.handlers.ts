/**
 * Transport for calls: registers the `call:*` socket events (validated by the event router against
 * the shared schemas), hands them to the service and pushes its effects to users through the
 * notifier. Relays (`call:signal`, `call:media`) go only to the other participant's sockets. It
 * creates the one calls service of the app and puts it on the context (`ctx.calls`) for the
 * domains that start or end calls (queue, safety), so this module is installed before them.
 */
import { type CallHistoryEntry, type PushPayload, ServerEvent } from '@flint/shared';
import type { AppContext, FlintModule } from '../app-context.ts';
import { currentUser } from '../auth/guard.ts';
import type { FlintSocket } from '../realtime/types.ts';
import { type CallsOptions, callsOptionsFromEnv } from './calls.options.ts';
import { createCallRelay } from './calls.relay.ts';
import { createCallsService } from './calls.service.ts';
import { createSweeper } from './calls.sweeper.ts';

/** `call:quality`'s own budget per socket: about one sample a second at most, with a little burst. */
export const QUALITY_LIMIT = { points: 3, durationS: 3 };

/** The calls domain with its media settings from the environment (TURN, Agora). */
export const callsModule: FlintModule = (ctx) => installCalls(ctx, callsOptionsFromEnv());

export function installCalls(ctx: AppContext, options: CallsOptions): void {
  const graceMs = ctx.config.timing.reconnectGraceS * 1000;
  const sweeper = createSweeper({
    db: ctx.db,
    pollMs: 300,
    presenceMs: Math.min(Math.max(graceMs / 2, 1000), 10_000),
    logger: ctx.logger,
  });
  // The lookup runs only once a relay is asked for, after the service below exists.
  const relay = createCallRelay((userId, sessionId) => service.relayTarget(userId, sessionId), Date.now);
  const service = createCallsService({
    db: ctx.db,
    timing: ctx.config.timing,
    options,
    ports: {
      emit(to, event, payload, exceptSocketId) {
        if (event === ServerEvent.CALL_ENDED) relay.ended((payload as { sessionId: string }).sessionId);
        ctx.notifier.toUsers([to], event, payload, exceptSocketId);
        // No tab open to ring: Web Push wakes the callee's browsers (push.service.ts).
        if (event === ServerEvent.CALL_INVITE && ctx.push) {
          ctx.push
            .ringOffline(to, payload as PushPayload<'call:invite'>)
            .catch((err: unknown) => ctx.logger.warn({ err }, 'push wake-up failed'));
        }
      },
      armTimer: (sessionId, at) => sweeper.arm(sessionId, at),
      notify: (userId, notification) => ctx.notifier.notify(userId, notification),
      hasSockets: ctx.notifier.hasSockets,
      tabConnected: ctx.notifier.tabConnected,
      now: Date.now,
    },
  });
  sweeper.start(service);
  ctx.calls = service;

  ctx.fastify.get(
    '/api/calls/history',
    { preHandler: ctx.guards.user },
    async (request): Promise<CallHistoryEntry[]> => service.history(currentUser(request).id),
  );

  const { events } = ctx;
  // `socket.data.tab`: the browser tab, for "one tab owns the call" (calls.owner.ts).
  events.handle('call:request', (p, { socket }) => service.request(socket.data.user, p.matchId, socket.data.tab));
  events.handle('call:respond', (p, { socket, userId }) => service.respond(userId, p.sessionId, p.accept, socket.id, socket.data.tab));
  events.handle('call:ready', (p, { socket, userId }) => service.ready(userId, p.sessionId, p.stage, socket.data.tab));
  events.handle('call:device-failed', (p, { socket, userId }) =>
    service.deviceFailed(userId, p.sessionId, p.stage, p.reason, socket.data.tab),
  );
  events.handle('call:media-failed', (p, { socket, userId }) => service.mediaFailed(userId, p.sessionId, p.stage, socket.data.tab));
  events.handle('call:media-path', (p, { socket, userId }) => service.mediaPath(userId, p.sessionId, p.stage, p.up, socket.data.tab));
  events.handle('call:ice-servers', (p, { userId }) => service.iceServers(userId, p.sessionId));
  events.handle('call:vote', (p, { socket, userId }) => service.vote(userId, p.sessionId, p.stage, p.proceed, socket.data.tab));
  events.handle('call:leave', (p, { socket, userId }) => service.leave(userId, p.sessionId, socket.data.tab));
  // Sent from `pagehide`: the peer hears "left" at once and the grace shrinks (FLINT_LEAVE_GRACE_S).
  events.handle('call:leaving', (p, { socket, userId }) => service.leaving(userId, p.sessionId, socket.data.tab));
  // "Ben is fixing their camera": relayed to the other participant with the time left.
  events.handle('call:gate', (p, { socket, userId }) => service.gateFailed(userId, p, socket.data.tab));
  events.handle('call:resume', (p, { socket, userId }) => service.resume(userId, p.sessionId, socket.data.tab));
  // The callee's app was rung while it could not show calls: the caller hears it while dialing.
  events.handle('call:unavailable', async (p, { userId }) => {
    const caller = await service.calleeUnavailable(userId, p.sessionId);
    ctx.notifier.toUsers([caller], ServerEvent.CALL_PEER_UNAVAILABLE, { sessionId: p.sessionId });
  });
  // Quality samples come every QUALITY_INTERVAL_MS (2 s); a budget of 3 per 3 s per socket leaves room
  // for a late timer and a stage change, and refuses a tab that sends on a faster timer.
  events.handle(
    'call:quality',
    async ({ sessionId, ...report }, { socket, userId }) => {
      const peer = await service.quality(userId, sessionId, report, socket.data.tab);
      ctx.notifier.toUsers([peer], ServerEvent.CALL_PEER_QUALITY, { sessionId, stage: report.stage, level: report.level });
    },
    QUALITY_LIMIT,
  );
  // A socket found to own its side of a session stays so (ownership moves only once it is gone),
  // so a burst of signals costs one ownership check. Checked inside the relay's chain: order holds.
  const owning = new WeakMap<object, string>();
  const send = (socket: FlintSocket, userId: string, sessionId: string, push: (peer: string) => void) =>
    relay.relay(socket, userId, sessionId, async (peer) => {
      if (owning.get(socket) !== sessionId) {
        await service.mustAct(sessionId, userId, socket.data.tab);
        owning.set(socket, sessionId);
      }
      push(peer);
    });
  events.handle('call:signal', (p, { socket, userId }) =>
    send(socket, userId, p.sessionId, (peer) =>
      ctx.notifier.toUsers([peer], ServerEvent.CALL_SIGNAL, { sessionId: p.sessionId, data: p.data }),
    ),
  );
  events.handle('call:media', (p, { socket, userId }) =>
    send(socket, userId, p.sessionId, async (peer) => {
      await service.recordSending(userId, p.sessionId, p.audio, p.video);
      ctx.notifier.toUsers([peer], ServerEvent.CALL_PEER_STATE, {
        sessionId: p.sessionId,
        connected: true,
        audio: p.audio,
        video: p.video,
      });
    }),
  );

  // The only place a socket going away touches a call (the queue's hook only cancels its ticket).
  // A node shutting down drops its sockets on purpose; the clients reconnect to another node (or to
  // this one restarted), so those drops are not the users leaving. The presence check on the
  // surviving nodes catches anyone who does not come back.
  let closing = false;
  ctx.onDisconnect(async (socket) => {
    if (!closing) await service.checkGone(socket.data.user.id);
  });
  ctx.onClose(async () => {
    closing = true;
    await sweeper.stop();
  });
}
