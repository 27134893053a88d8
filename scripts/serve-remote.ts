/**
 * Serves one built remote (its dist/) on its own origin, as a separate deploy (a CDN) would: static
 * files, CORS open (remote entries are loaded cross-origin by any host). Everything under
 * `versions/` is immutable and cached forever; the rest (the `current.json` pointer, the embedding
 * loader, an example page) is re-validated on every use. Files are sent brotli- or gzip-encoded from
 * their build-time copies when the request accepts it. Also serves examples/plain-page.
 * Usage: node --import tsx scripts/serve-remote.ts <dir> <port>
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

const [dir, portText] = process.argv.slice(2);
if (!dir || !portText) {
  console.error('usage: serve-remote.ts <dist-dir> <port>');
  process.exit(2);
}

const app = Fastify({ logger: false });
app.addHook('onSend', async (_req, reply) => {
  reply.header('access-control-allow-origin', '*');
});
await app.register(fastifyStatic, {
  root: path.resolve(dir),
  // The `.br` / `.gz` copies written at build time (scripts/compress-dist.mjs), with `Vary: Accept-Encoding`.
  preCompressed: true,
  setHeaders(reply, file) {
    const immutable = path.relative(path.resolve(dir), file).startsWith(`versions${path.sep}`);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
});
await app.listen({ port: Number(portText), host: process.env.HOST ?? '0.0.0.0' });

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
