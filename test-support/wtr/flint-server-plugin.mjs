/**
 * web-test-runner plugin (runs in Node): starts the REAL Flint server once for the whole run (PGlite
 * `memory://`, the dev server's origin allowed) through the server's own test harness, and
 *  - proxies `/api/*` and `/socket.io/*` (HTTP and websocket upgrades) to it, so pages reach the
 *    server at their own origin as in production (QA contract: one URL);
 *  - gives tests same-origin endpoints under `/__flint/` (POST, JSON in and out): the server's
 *    direct URL (for cross-origin connections), logins, fresh users, and what the server saw.
 */
import http from 'node:http';
import net from 'node:net';
import { tsImport } from 'tsx/esm/api';

const PREFIX = '/__flint/';
const PROXIED = /^\/(api|socket\.io)\//;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** `{ plugin, middleware }`: put both in the web-test-runner config (`plugins`, `middleware`). */
export function flintServer() {
  /** @type {any} */
  let t;
  let target;
  /** A second server speaking another wire protocol version, started on first request. */
  let newer;
  let createTestApp;
  let origins;
  /** Socket.IO connections ever made, per user id: "exactly one socket" is checked on the server. */
  const connections = new Map();

  const userSockets = async (userId) => await t.app.io.in(`user:${userId}`).fetchSockets();

  const endpoints = {
    server: async () => ({ url: t.url }),
    /** A server two MAJOR versions ahead: to this one, every page of this build is outdated. */
    newerServer: async () => {
      newer ??= await createTestApp({ env: { FLINT_ALLOWED_ORIGINS: origins.join(',') }, protocolVersion: '99.0' });
      return { url: newer.url };
    },
    login: async ({ username }) => t.login(username),
    /** A fresh user (unique name), so concurrent test files never share presence or counts. */
    user: async ({ prefix }) => t.createUser(prefix),
    api: async ({ method, path, token, body }) => t.api(method, path, { token, body }),
    sockets: async ({ userId }) => ({
      connections: connections.get(userId) ?? 0,
      live: (await userSockets(userId)).map((s) => ({ id: s.id, transport: s.data.transport })),
    }),
    /** Cuts the user's transports as a network drop would (no socket.io "server disconnect"). */
    drop: async ({ userId }) => {
      const local = t.app.io.of('/').sockets;
      for (const { id } of await userSockets(userId)) local.get(id)?.conn.close();
      return { ok: true };
    },
    /** Disconnects the user's sockets on purpose ("io server disconnect"), which socket.io never retries by itself. */
    kick: async ({ userId }) => {
      t.app.io.in(`user:${userId}`).disconnectSockets(true);
      return { ok: true };
    },
  };

  const plugin = {
    name: 'flint-server',
    async serverStart({ config, server }) {
      ({ createTestApp } = await tsImport('../../server/src/test-support/harness.ts', import.meta.url));
      origins = [`http://${config.hostname}:${config.port}`, `http://127.0.0.1:${config.port}`];
      t = await createTestApp({ env: { FLINT_ALLOWED_ORIGINS: origins.join(',') } });
      t.app.io.on('connection', (socket) => {
        const id = socket.data.user.id;
        connections.set(id, (connections.get(id) ?? 0) + 1);
      });
      target = new URL(t.url);
      server.on('upgrade', (req, socket, head) => {
        if (PROXIED.test(req.url ?? '')) proxyUpgrade(req, socket, head, target);
      });
    },
    async serverStop() {
      await newer?.close();
      await t?.close();
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const endpoint = endpoints[context.path.slice(PREFIX.length)];
      let result;
      try {
        if (!endpoint) throw new Error(`no test endpoint ${context.path}`);
        result = await endpoint(await readJson(context.req));
      } catch (err) {
        result = { error: String(err?.message ?? err) };
      }
      return { body: JSON.stringify(result), type: 'json', headers: { 'cache-control': 'no-store' } };
    },
  };
  /** Runs before the dev server's own middleware (static files, transforms). */
  const middleware = (ctx, next) => (target && PROXIED.test(ctx.path) ? proxyHttp(ctx, target) : next());
  return { plugin, middleware };
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function proxyHttp(ctx, target) {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: ctx.url, method: ctx.method, headers: ctx.req.headers },
      (res) => {
        ctx.status = res.statusCode ?? 502;
        for (const [name, value] of Object.entries(res.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) ctx.set(name, value);
        }
        ctx.body = res;
        resolve();
      },
    );
    upstream.on('error', reject);
    ctx.req.pipe(upstream);
  });
}

/** Replays the upgrade request on a raw TCP connection to the server, then splices the two. */
function proxyUpgrade(req, socket, head, target) {
  const upstream = net.connect(Number(target.port), target.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
}
