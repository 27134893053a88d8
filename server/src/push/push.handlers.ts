/**
 * Transport for Web Push: the VAPID public key a browser subscribes with, and each person's
 * subscribe / unsubscribe (validated with the shared schemas, rate-limited per address). It creates
 * the app's push service and puts it on the context (`ctx.push`), where the calls module asks it to
 * wake a callee who has no tab open.
 */
import type { PushKeyResult } from '@flint/shared';
import { rest } from '@flint/shared/schemas';
import type { AppContext, FlintModule } from '../app-context.ts';
import { currentUser } from '../auth/guard.ts';
import { perMinute } from '../http/rate-limit.ts';
import { parseWith } from '../validate.ts';
import { createPushService } from './push.service.ts';
import { resolveVapid } from './push.vapid.ts';

/** Subscribe/unsubscribe calls per client address per minute: a page makes one per load at most. */
const SUBSCRIPTION_CALLS_PER_MIN = 30;

export const pushModule: FlintModule = (ctx: AppContext) => {
  const { config } = ctx;
  const push = createPushService({
    db: ctx.db,
    vapid: resolveVapid(config.push.vapid, config.dataDir),
    logger: ctx.logger,
    hasSockets: ctx.notifier.hasSockets,
    allowLoopback: config.push.allowLoopback,
    now: Date.now,
  });
  ctx.push = push;
  const limited = { preHandler: ctx.guards.user, config: perMinute(SUBSCRIPTION_CALLS_PER_MIN) };

  ctx.fastify.get('/api/push/key', async (): Promise<PushKeyResult> => ({ publicKey: push.publicKey }));

  ctx.fastify.post('/api/push/subscriptions', limited, async (request, reply) => {
    await push.subscribe(currentUser(request).id, parseWith(rest.pushSubscribe, request.body));
    return reply.code(204).send();
  });

  ctx.fastify.delete('/api/push/subscriptions', limited, async (request, reply) => {
    await push.unsubscribe(currentUser(request).id, parseWith(rest.pushUnsubscribe, request.body).endpoint);
    return reply.code(204).send();
  });
};
