/**
 * CORS for the REST API: pages on an allowed origin (FLINT_ALLOWED_ORIGINS, the same list the socket
 * admits) may call it from the browser, e.g. a host team's page embedding `<flint-call>` fetching
 * `/api/config` or a token. Tokens travel in the Authorization header, never cookies, so no
 * credentials mode; other origins get no CORS headers and the browser refuses them.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

export async function registerCors(fastify: FastifyInstance, allowedOrigins: string[]): Promise<void> {
  await fastify.register(cors, {
    origin: allowedOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
}
