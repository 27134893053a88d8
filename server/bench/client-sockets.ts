/**
 * Opening the bench users' sockets: real socket.io-client sockets (websocket transport, token or user
 * id in the handshake auth), a bounded number of handshakes at a time. Shared by the client workers.
 */
import { io, type ManagerOptions, type Socket } from 'socket.io-client';

/** Sockets opening at once: enough to keep the server busy, few enough not to time out handshakes. */
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 20_000;

export interface SocketHooks {
  /** Adds the bench's listeners before the handshake, so nothing sent right after it is missed. */
  listen(socket: Socket, index: number): void;
  /** A socket that drops after connecting voids the run. */
  onDisconnect(reason: string): void;
}

/** Socket.io's reconnection is off unless `options` turns it on (the reconnect-storm bench). */
type Options = Partial<Pick<ManagerOptions, 'reconnection' | 'reconnectionDelay' | 'randomizationFactor' | 'reconnectionDelayMax'>>;

function connectOne(baseUrl: string, auth: Record<string, string>, index: number, hooks: SocketHooks, options: Options): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, {
      transports: ['websocket'],
      auth,
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
      ...options,
    });
    hooks.listen(socket, index);
    socket.once('connect', () => {
      socket.on('disconnect', (reason) => hooks.onDisconnect(reason));
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(new Error(`connect failed: ${err.message}`));
    });
  });
}

/** Connects one socket per `auths` entry; resolves with them in `auths` order. */
export async function connectAll(
  baseUrl: string,
  auths: Record<string, string>[],
  hooks: SocketHooks,
  options: Options = {},
): Promise<Socket[]> {
  const sockets: Socket[] = new Array(auths.length);
  let next = 0;
  const lane = async () => {
    while (next < auths.length) {
      const i = next++;
      sockets[i] = await connectOne(baseUrl, auths[i]!, i, hooks, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, auths.length) }, lane));
  return sockets;
}

/** Closes the sockets on purpose (no disconnect failure). */
export function closeAll(sockets: Socket[]): void {
  for (const s of sockets) {
    s.off('disconnect');
    s.close();
  }
}
