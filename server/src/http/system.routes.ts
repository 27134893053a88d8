import type { RemoteConfig } from '@flint/shared';
import { sql } from 'drizzle-orm';
import { getConnectionMode } from '../admin/settings.repository.ts';
import type { AppContext } from '../app-context.ts';
import { DomainError } from '../domain-error.ts';
import { mayReadMetrics } from './metrics-access.ts';

/** Health and the client bootstrap config (public, no token needed), and metrics (FLINT_METRICS_TOKEN or loopback). */
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
  ctx.fastify.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request, ctx.config.metricsToken)) {
      reply.header('www-authenticate', 'Bearer');
      throw DomainError.unauthorized();
    }
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });

  // Remotes are separate deploys found at run time, from configuration only: a URL built from the
  // request's Host header could be pointed anywhere by whoever sends it (and cached for everyone).
  // Never cached: a rollback (a pinned version) and the admin's connection mode apply at once.
  ctx.fastify.get('/api/config', async (_request, reply): Promise<RemoteConfig> => {
    reply.header('cache-control', 'no-store');
    return {
      remotes: ctx.config.remotes,
      devLogin: ctx.config.devLogin,
      connectionMode: await getConnectionMode(ctx.db.orm),
    };
  });

  // The embedding kit's loader (docs/embedding.md) has a stable address on the API's origin, so a host
  // page needs to know one URL; it lives with the call remote's deploy, wherever that is.
  ctx.fastify.get('/embed.js', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.redirect(`${ctx.config.remotes.call.base}embed.js`, 302);
  });
}
