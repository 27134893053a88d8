/**
 * Transport for the live queue: `queue:join` / `queue:leave`, the disconnect hook that takes a user
 * out of the queue when their last socket goes, and the loops every node runs (sweep for pairs, push
 * changed positions, drop tickets whose user vanished unnoticed).
 */
import type { AppContext, FlintModule } from '../app-context.ts';
import { createCallsService } from '../calls/calls.service.ts';
import { createLoops } from '../loops.ts';
import { type QueueOptions, queueOptionsFromEnv } from './queue.options.ts';
import { createQueueService, type QueuePorts, type QueueService } from './queue.service.ts';

export const queueModule: FlintModule = (ctx) => installQueue(ctx, queueOptionsFromEnv()).then(() => undefined);

export async function installQueue(ctx: AppContext, options: QueueOptions): Promise<QueueService> {
  const { hasSockets } = ctx.notifier;
  const emit: QueuePorts['emit'] = (to, event, payload) => ctx.notifier.toUsers([to], event, payload);
  // The calls service keeps nothing in memory, so this instance and the calls module's act on the
  // same sessions. It has no timers: the calls module's sweeper polls every persisted deadline.
  const calls = createCallsService({
    db: ctx.db,
    timing: ctx.config.timing,
    options: options.calls,
    ports: { emit, armTimer: () => undefined, hasSockets, now: Date.now },
  });
  const service = createQueueService({
    db: ctx.db,
    nodeId: ctx.config.nodeId,
    timing: ctx.config.timing,
    prepareMs: options.calls.prepareTimeoutS * 1000,
    repairHours: options.repairHours,
    calls,
    ports: { emit, hasSockets, now: Date.now },
    logger: ctx.logger,
  });
  await service.cancelLeftovers();

  ctx.events.handle('queue:join', (_payload, { socket, userId }) => service.join(userId, socket.id, () => socket.connected));
  ctx.events.handle('queue:leave', (_payload, { userId }) => service.leave(userId));
  ctx.onDisconnect(async (socket) => {
    const userId = socket.data.user.id;
    if (!(await hasSockets(userId))) await service.disconnected(userId);
  });

  const loops = createLoops(ctx.logger);
  loops.every('queue sweep', options.sweepMs, async () => {
    await service.sweep();
    await service.refreshStatuses();
  });
  loops.every('queue presence check', options.presenceMs, () => service.dropZombies());
  ctx.onClose(() => loops.stop());
  return service;
}
