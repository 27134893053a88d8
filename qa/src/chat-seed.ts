/**
 * Writes chat history through the public socket API from the test process (a real client of the
 * real server), for flows that need a long conversation.
 */
import { io, type Socket } from 'socket.io-client';

async function connect(baseURL: string, username: string): Promise<Socket> {
  const res = await fetch(`${baseURL}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`dev login ${username}: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const socket = io(baseURL, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Sends `count` messages `${prefix}${i}` (i from 1), alternating between two users in order,
 * paced under the server's per-user rate limit.
 */
export async function seedConversation(
  baseURL: string,
  conversationId: string,
  users: [string, string],
  count: number,
  prefix: string,
): Promise<void> {
  const sockets = await Promise.all(users.map((u) => connect(baseURL, u)));
  try {
    for (let i = 1; i <= count; i++) {
      const socket = sockets[i % 2]!;
      const payload = { conversationId, clientId: `${prefix}${i}-${Date.now()}`, body: `${prefix}${i}` };
      for (;;) {
        const ack = await socket.timeout(5000).emitWithAck('chat:send', payload);
        if (ack.ok) break;
        if (ack.error.code !== 'rate-limited') throw new Error(`seed ${i}: ${ack.error.code} ${ack.error.message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    for (const s of sockets) s.disconnect();
  }
}
