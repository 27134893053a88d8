/**
 * Serves the built host at `/` (when FLINT_HOST_DIST exists) so the host, the API and Socket.IO share
 * one origin (QA contract). Client-side routes (`/chat/…`) fall back to index.html; unknown `/api`
 * paths stay JSON 404s. Content-hashed files are cached for good; the shell and the service worker
 * (`/sw.js`, whose URL is its identity) are revalidated on every load so a deploy is seen at once.
 * Everything is sent from its build-time brotli or gzip copy when the browser accepts one.
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '../app-context.ts';
import { sendNotFound } from './errors.ts';

/** rspack's `[name].[contenthash:8].js` (and its source map), or its build-time `.br` / `.gz` copy. */
const HASHED = /\.[0-9a-f]{8}\.js(\.map)?(\.br|\.gz)?$/;

const isSpaRoute = (method: string, url: string) =>
  (method === 'GET' || method === 'HEAD') && !/^\/(api|socket\.io|metrics)(\/|$|\?)/.test(url);

export async function staticModule(ctx: AppContext): Promise<void> {
  const root = ctx.config.hostDist;
  const serving = existsSync(`${root}/index.html`);
  if (serving) {
    await ctx.fastify.register(fastifyStatic, {
      root,
      index: ['index.html'],
      // Sends the `.br` / `.gz` copy written at build time (scripts/compress-dist.mjs) when the request
      // accepts it, with `Content-Encoding` and `Vary: Accept-Encoding`; never compresses per request.
      preCompressed: true,
      setHeaders(reply, file) {
        reply.header('cache-control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
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
