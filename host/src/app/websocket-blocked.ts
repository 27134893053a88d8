/**
 * Whether this browser cannot open a WebSocket to Flint although the API answers: the server's
 * connection mode is `websocket` only and something between (a proxy, a firewall) refuses the
 * upgrade. A browser cannot tell a refused upgrade from a server that is down (the WebSocket API
 * hides the status), so while a websocket-only socket keeps failing this re-reads the server's
 * mode over plain HTTP: an answer means the API is reachable and the websocket is what is blocked.
 * The same read brings a mode the admin changed meanwhile (the `connection:mode` push cannot reach
 * a socket that never connects), so switching back to `auto` reconnects this page without a reload.
 */
import type { ConnectionMode } from '@flint/shared';
import { atom } from 'nanostores';
import type { RealtimeStore } from '../session/context.ts';

/** True while websocket-only connecting fails and the API answers (the shell and /admin say so). */
export const $websocketBlocked = atom(false);

/** How often the mode is re-read while a websocket-only socket is failing. */
export const RECHECK_MS = 3_000;

/**
 * Watches the realtime store; `readMode` is the server's current mode, or null when the API cannot
 * be reached (then the page is simply offline, not blocked). Returns a function that stops watching.
 */
export function watchWebsocketMode(
  realtime: Pick<RealtimeStore, '$connection' | 'setConnectionMode'>,
  readMode: () => Promise<ConnectionMode | null>,
  everyMs = RECHECK_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;

  const check = async () => {
    timer = undefined;
    const mode = await readMode().catch(() => null);
    if (!failing) return;
    if (mode && mode !== 'websocket') realtime.setConnectionMode(mode);
    $websocketBlocked.set(mode === 'websocket');
    timer ??= setTimeout(() => void check(), everyMs);
  };

  const stopListening = realtime.$connection.subscribe((c) => {
    failing = c.mode === 'websocket' && (c.status === 'reconnecting' || c.status === 'disconnected') && Boolean(c.lastError);
    if (failing) {
      timer ??= setTimeout(() => void check(), 0);
      return;
    }
    clearTimeout(timer);
    timer = undefined;
    $websocketBlocked.set(false);
  });
  return () => {
    stopListening();
    clearTimeout(timer);
    failing = false;
    $websocketBlocked.set(false);
  };
}
