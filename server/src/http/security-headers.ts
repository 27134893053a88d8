/**
 * Security headers on every response this server sends (the host shell, its files, the service
 * worker, the API). The Content Security Policy is built from configuration, like /api/config:
 *
 * - scripts from this origin and the remotes' origins only (the host's bundle, then each remote's
 *   entry and chunks, which Module Federation adds as <script src>); no inline script, no eval;
 * - connections to this origin (API, Socket.IO over polling and websocket: CSP 3 `'self'` covers
 *   ws/wss of the same host) and the remotes' origins (manifests and `current.json`, also fetched
 *   by the service worker, whose own policy is this one); plus Agora's hosts, because the server
 *   may pick the lazily loaded Agora engine at run time;
 * - styles: `'unsafe-inline'` for index.html's inline <style> and Lit's fallback <style> elements
 *   (Lit's adoptedStyleSheets need nothing); images also from https and data/blob URLs (profile
 *   pictures of an identity provider); media from blob/mediastream (camera preview, remote tracks);
 *   the service worker from this origin; never framed, no plugins, no <base> or form elsewhere.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/** Where the lazily loaded Agora SDK connects (its gateways and edge servers). */
const AGORA = ['https://*.agora.io', 'wss://*.agora.io', 'https://*.sd-rtn.com', 'wss://*.sd-rtn.com'];

export function contentSecurityPolicy(remotes: Config['remotes']): string {
  const remoteOrigins = [...new Set([remotes.call.base, remotes.realtime.base].map((base) => new URL(base).origin))];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...remoteOrigins],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ...remoteOrigins, ...AGORA],
    'img-src': ["'self'", 'https:', 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export function registerSecurityHeaders(fastify: FastifyInstance, remotes: Config['remotes']): void {
  const headers = {
    'content-security-policy': contentSecurityPolicy(remotes),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
  };
  // onRequest, so error answers (404s, refusals, rate limits) carry them too.
  fastify.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
}
