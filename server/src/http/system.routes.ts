import type { RemoteConfig } from '@flint/shared';
import { sql } from 'drizzle-orm';
import { getConnectionMode } from '../admin/settings.repository.ts';
import type { AppContext } from '../app-context.ts';

/** Health, metrics and the client bootstrap config: public, no token needed. */
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

  // Remotes are separate deploys found at run time; by default on this host at PORT+1 and PORT+2.
  ctx.fastify.get('/api/config', async (request): Promise<RemoteConfig> => {
    const { port, remotes } = ctx.config;
    const host = request.hostname.includes(':') ? `[${request.hostname}]` : request.hostname;
    return {
      remotes: {
        call: remotes.call ?? `${request.protocol}://${host}:${port + 1}/mf-manifest.json`,
        realtime: remotes.realtime ?? `${request.protocol}://${host}:${port + 2}/mf-manifest.json`,
      },
      devLogin: ctx.config.devLogin,
      connectionMode: await getConnectionMode(ctx.db.orm),
    };
  });
}
