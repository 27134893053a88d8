import { sql } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';

/** Health and metrics: what load balancers, `npm start` and QA poll. */
export function systemModule(ctx: AppContext): void {
  ctx.fastify.get('/api/health', async (_request, reply) => {
    try {
      await ctx.db.orm.execute(sql`select 1`);
      return { ok: true };
    } catch (err) {
      ctx.logger.error({ err }, 'health check failed');
      return reply.status(503).send({ ok: false });
    }
  });
  ctx.fastify.get('/metrics', async (_request, reply) => {
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
