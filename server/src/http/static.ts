/**
 * Serves the built host at `/` (when FLINT_HOST_DIST exists) so the host, the API and Socket.IO share
 * one origin (QA contract). Client-side routes (`/chat/…`) fall back to index.html; unknown `/api`
 * paths stay JSON 404s.
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '../app-context.ts';
import { sendNotFound } from './errors.ts';

const isSpaRoute = (method: string, url: string) =>
  (method === 'GET' || method === 'HEAD') && !/^\/(api|socket\.io|metrics)(\/|$|\?)/.test(url);

export async function staticModule(ctx: AppContext): Promise<void> {
  const root = ctx.config.hostDist;
  const serving = existsSync(`${root}/index.html`);
  if (serving) {
    await ctx.fastify.register(fastifyStatic, { root, index: ['index.html'] });
  } else {
    ctx.logger.info({ root }, 'no host build found; serving the API only');
  }
  ctx.fastify.setNotFoundHandler((request, reply) => {
    if (serving && isSpaRoute(request.method, request.url)) {
      // The shell must never be cached stale, or a new deploy would load old entry files.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendNotFound(reply);
  });
}
