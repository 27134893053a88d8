/**
 * A reconnect-storm client worker: opens its share of the sockets (client-sockets.ts, with socket.io's
 * own reconnection on and almost no delay, so every dropped socket comes back at once: a harsh storm),
 * then reports when every one of them has dropped and reconnected.
 */
import type { Socket } from 'socket.io-client';
import { closeAll, connectAll } from './client-sockets.ts';
import { nowMs } from './clock.ts';
import { serveRequests } from './ipc.ts';
import type { StormWorkerReply, StormWorkerRequest } from './storm-ipc.ts';

/**
 * Back at once (25–75 ms), but a failed attempt backs off (doubling, at most 5 s): with no delay at
 * all, 19,500 sockets retrying a refused or timed-out handshake at once never let the server catch
 * up (2,587 of 4,875 were back after 3 minutes, on bare socket.io too). The product's clients start
 * at 500 ms with jitter (realtime-remote/src/create-socket.ts), which spreads a real storm out more.
 */
const RECONNECT = { reconnection: true, reconnectionDelay: 50, randomizationFactor: 0.5, reconnectionDelayMax: 5000 };

/** How long the storm may take before the worker fails the run. */
const BACK_TIMEOUT_MS = 180_000;

let sockets: Socket[] = [];
let dropped = 0;
let back = 0;
let lastBackAt = 0;
let failure: string | null = null;
let onBack: () => void = () => undefined;

const hooks = {
  listen(socket: Socket) {
    let down = false;
    // The socket's 'connect', not the manager's 'reconnect': only then has the server authenticated
    // it and run its connect hooks (Flint's presence write).
    socket.on('connect', () => {
      if (!down) return;
      down = false;
      back++;
      lastBackAt = nowMs();
      if (back === sockets.length) onBack();
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'transport close') failure ??= `a socket dropped for "${reason}", not the transport close`;
      if (!down) dropped++;
      down = true;
    });
  },
  onDisconnect: () => undefined,
};

serveRequests<StormWorkerRequest, StormWorkerReply>(async (req) => {
  switch (req.type) {
    case 'connect': {
      const started = nowMs();
      sockets = await connectAll(req.baseUrl, req.auths, hooks, RECONNECT);
      return { type: 'connected', ms: nowMs() - started };
    }
    case 'arm':
      // Before the drop: count this storm's drops and returns afresh.
      dropped = 0;
      back = 0;
      return { type: 'armed' };
    case 'back': {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${back} of ${sockets.length} sockets back (${dropped} dropped) after ${BACK_TIMEOUT_MS / 1000} s`)),
          BACK_TIMEOUT_MS,
        );
        onBack = () => {
          clearTimeout(timer);
          resolve();
        };
        if (back === sockets.length) onBack();
      });
      if (failure) throw new Error(failure);
      return { type: 'back', lastBackAt, reconnects: back };
    }
    case 'close':
      closeAll(sockets);
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
});
