/**
 * Serves one built remote (its dist/) on its own origin, as a separate deploy would: static files,
 * CORS open (remote entries are loaded cross-origin by any host), long cache for hashed files.
 * Usage: node --import tsx scripts/serve-remote.ts <dist-dir> <port>
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
  setHeaders(reply, file) {
    // Entry and manifest names are stable and must be re-fetched; hashed chunks never change.
    const stable = /(remoteEntry\.js|mf-manifest\.json|mf-stats\.json|index\.html)$/.test(file);
    reply.header('cache-control', stable ? 'no-cache' : 'public, max-age=31536000, immutable');
  },
});
await app.listen({ port: Number(portText), host: process.env.HOST ?? '0.0.0.0' });

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
