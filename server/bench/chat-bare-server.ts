/**
 * Baseline: a bare socket.io relay of the same version as Flint's, no auth, no validation, no
 * storage. A client names its user in the handshake and joins `user:<id>`; `chat:send` is forwarded
 * to the other member's room and acked. The message has Flint's shape (a random id, the next seq
 * from an in-memory counter, an ISO date), so the wire bytes per message are the same.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveChatServer } from './chat-ipc.ts';

interface Send {
  conversationId: string;
  clientId: string;
  body: string;
}

serveChatServer(async (pairs) => {
  const members = new Map<string, [string, string]>();
  const seqs = new Map<string, number>();
  for (let i = 0; i < pairs; i++) members.set(`bare-conversation-${i}`, [`bare-${2 * i}`, `bare-${2 * i + 1}`]);

  const http = createServer();
  const io = new Server(http);
  io.on('connection', (socket) => {
    const userId = String(socket.handshake.auth.userId);
    void socket.join(`user:${userId}`);
    socket.on('chat:send', (p: Send, ack: (a: unknown) => void) => {
      const [a, b] = members.get(p.conversationId)!;
      const seq = (seqs.get(p.conversationId) ?? 0) + 1;
      seqs.set(p.conversationId, seq);
      const message = {
        id: randomUUID(),
        conversationId: p.conversationId,
        senderId: userId,
        clientId: p.clientId,
        body: p.body,
        seq,
        createdAt: new Date().toISOString(),
      };
      socket.to(`user:${a === userId ? b : a}`).emit('chat:message', message);
      ack({ ok: true, data: message });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    pairs: [...members].map(([conversationId, [a, b]]) => ({ conversationId, members: [{ userId: a }, { userId: b }] })),
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
});
