/**
 * Transport for the live queue: `queue:join` / `queue:leave`, the disconnect hook that takes a user
 * out of the queue when their last socket goes (a call they are in is the calls module's business),
 * and the loops every node runs (sweep for pairs, push changed positions, drop tickets whose user
 * vanished unnoticed). Pairings become live sessions through the app's calls service.
 */
import { type AppContext, callsOf, type FlintModule } from '../app-context.ts';
import { createLoops } from '../loops.ts';
import { type QueueOptions, queueOptionsFromEnv } from './queue.options.ts';
import { createQueueService, type QueuePorts, type QueueService } from './queue.service.ts';

export const queueModule: FlintModule = (ctx) => installQueue(ctx, queueOptionsFromEnv()).then(() => undefined);

export async function installQueue(ctx: AppContext, options: QueueOptions): Promise<QueueService> {
  const { hasSockets } = ctx.notifier;
  const emit: QueuePorts['emit'] = (to, event, payload) => ctx.notifier.toUsers([to], event, payload);
  const service = createQueueService({
    db: ctx.db,
    nodeId: ctx.config.nodeId,
    repairHours: options.repairHours,
    calls: callsOf(ctx),
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
