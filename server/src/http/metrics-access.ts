/**
 * Who may read GET /metrics. With FLINT_METRICS_TOKEN set, a request must carry it as a Bearer token
 * (compared in constant time). Unset, only this machine may: a loopback client address, and no
 * forwarding header, since a proxy on this machine would otherwise make every outside request look
 * local (behind a proxy, set the token, or FLINT_TRUST_PROXY so the real address counts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const digest = (text: string) => createHash('sha256').update(text).digest();

export function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  if (token !== null) {
    const header = request.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
    // Equal-length digests, so neither the length nor the content of the token leaks through timing.
    return timingSafeEqual(digest(given), digest(token));
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return LOOPBACK.test(request.ip) && (!forwarded || request.ip !== request.socket.remoteAddress);
}
