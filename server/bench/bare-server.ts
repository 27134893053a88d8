/**
 * Baseline: a bare socket.io server of the same version as Flint's, no auth, no database, no
 * middleware. A client names its user in the handshake and joins `user:<id>`; a fan-out is a plain
 * `io.to(room).emit` per user with the same payload Flint's notifier builds.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveTarget } from './server-child.ts';

serveTarget(async (clients) => {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (socket) => {
    void socket.join(`user:${socket.handshake.auth.userId}`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const userIds = Array.from({ length: clients }, (_, i) => `bare-${i}`);
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    auths: userIds.map((userId) => ({ userId })),
    connectedSockets: () => io.of('/').sockets.size,
    fanout(notification) {
      for (const id of userIds) {
        io.to(`user:${id}`).emit('notification', { id: randomUUID(), createdAt: new Date().toISOString(), ...notification });
      }
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
});
