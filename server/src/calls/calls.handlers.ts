/**
 * Transport for calls: registers the `call:*` socket events (validated by the event router against
 * the shared schemas), hands them to the service and pushes its effects to users through the
 * notifier. Relays (`call:signal`, `call:media`) go only to the other participant's sockets. It
 * creates the one calls service of the app and puts it on the context (`ctx.calls`) for the
 * domains that start or end calls (queue, safety), so this module is installed before them.
 */
import { ServerEvent } from '@flint/shared';
import type { AppContext, FlintModule } from '../app-context.ts';
import { type CallsOptions, callsOptionsFromEnv } from './calls.options.ts';
import { createCallRelay } from './calls.relay.ts';
import { createCallsService } from './calls.service.ts';
import { createSweeper } from './calls.sweeper.ts';

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
      },
      armTimer: (sessionId, at) => sweeper.arm(sessionId, at),
      notify: (userId, notification) => ctx.notifier.notify(userId, notification),
      hasSockets: ctx.notifier.hasSockets,
      now: Date.now,
    },
  });
  sweeper.start(service);
  ctx.calls = service;

  const { events } = ctx;
  events.handle('call:request', (p, { socket }) => service.request(socket.data.user, p.matchId));
  events.handle('call:respond', (p, { socket, userId }) => service.respond(userId, p.sessionId, p.accept, socket.id));
  events.handle('call:ready', (p, { userId }) => service.ready(userId, p.sessionId, p.stage));
  events.handle('call:device-failed', (p, { userId }) => service.deviceFailed(userId, p.sessionId, p.stage, p.reason));
  events.handle('call:media-failed', (p, { userId }) => service.mediaFailed(userId, p.sessionId, p.stage));
  events.handle('call:ice-servers', (p, { userId }) => service.iceServers(userId, p.sessionId));
  events.handle('call:vote', (p, { userId }) => service.vote(userId, p.sessionId, p.stage, p.proceed));
  events.handle('call:leave', (p, { userId }) => service.leave(userId, p.sessionId));
  events.handle('call:resume', (p, { userId }) => service.resume(userId, p.sessionId));
  // The callee's app was rung while it could not show calls: the caller hears it while dialing.
  events.handle('call:unavailable', async (p, { userId }) => {
    const caller = await service.calleeUnavailable(userId, p.sessionId);
    ctx.notifier.toUsers([caller], ServerEvent.CALL_PEER_UNAVAILABLE, { sessionId: p.sessionId });
  });
  const send = relay.relay;
  events.handle('call:signal', (p, { socket, userId }) =>
    send(socket, userId, p.sessionId, (peer) =>
      ctx.notifier.toUsers([peer], ServerEvent.CALL_SIGNAL, { sessionId: p.sessionId, data: p.data }),
    ),
  );
  events.handle('call:media', (p, { socket, userId }) =>
    send(socket, userId, p.sessionId, (peer) =>
      ctx.notifier.toUsers([peer], ServerEvent.CALL_PEER_STATE, {
        sessionId: p.sessionId,
        connected: true,
        audio: p.audio,
        video: p.video,
      }),
    ),
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
