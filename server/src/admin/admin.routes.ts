import { type ConnectionMode, type ConnectionStats, type QualitySummary, ServerEvent } from '@flint/shared';
import { rest } from '@flint/shared/schemas';
import { type AppContext, callsOf } from '../app-context.ts';
import { parseWith } from '../validate.ts';
import { getConnectionMode, setConnectionMode } from './settings.repository.ts';

/** The window of the call quality summary. */
export const QUALITY_SUMMARY_HOURS = 24;

export function adminModule(ctx: AppContext): void {
  const admin = { preHandler: ctx.guards.admin };

  ctx.fastify.get('/api/admin/stats', admin, async (): Promise<ConnectionStats> => {
    // fetchSockets() asks every node (through the adapter), so the numbers are cluster-wide.
    const sockets = await ctx.io.fetchSockets();
    const transports: Record<string, number> = {};
    for (const s of sockets) transports[s.data.transport] = (transports[s.data.transport] ?? 0) + 1;
    return {
      usersOnline: new Set(sockets.map((s) => s.data.user.id)).size,
      sockets: sockets.length,
      transports,
      mode: await getConnectionMode(ctx.db.orm),
    };
  });

  // Call quality over the last day, per stage (the calls domain keeps it; this module installs before
  // calls, so the service is looked up per request).
  ctx.fastify.get(
    '/api/admin/call-quality',
    admin,
    async (): Promise<QualitySummary> => ({
      hours: QUALITY_SUMMARY_HOURS,
      stages: await callsOf(ctx).qualitySummary(QUALITY_SUMMARY_HOURS),
    }),
  );

  ctx.fastify.put('/api/admin/connection-mode', admin, async (request): Promise<{ mode: ConnectionMode }> => {
    const { mode } = parseWith(rest.connectionMode, request.body);
    await setConnectionMode(ctx.db.orm, mode);
    ctx.io.emit(ServerEvent.CONNECTION_MODE, { mode });
    return { mode };
  });
}
