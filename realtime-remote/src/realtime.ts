/**
 * Builds one realtime instance: the socket, its stores and actions. Everything here is created
 * per instance (no module-level state), so the tab-wide guard in socket-store.ts decides alone how
 * many instances, and therefore sockets, exist.
 */

import { ServerEvent, type ServerEventName } from '@flint/shared';
import { onMount } from 'nanostores';
import { createConnection } from './connection.ts';
import { isConnectionMode } from './connection-state.ts';
import { createHandlerRegistry, type Handler } from './handlers.ts';
import { createHolders } from './holders.ts';
import { createNotifications } from './notifications.ts';
import { createPresence } from './presence.ts';
import { createRequest } from './request.ts';

/** Same idea as nanostores' unmount delay: a quick release/re-acquire keeps the connection. */
const LINGER_MS = 1_000;

export function createRealtime() {
  const handlers = createHandlerRegistry();
  const connection = createConnection(handlers.dispatch);
  const holders = createHolders(connection.activate, connection.deactivate, LINGER_MS);
  const request = createRequest(connection, holders);
  const { $connection } = connection;
  onMount($connection, () => holders.acquire());

  handlers.add(ServerEvent.CONNECTION_MODE, (payload) => {
    // Checked at run time too: a push is only as trustworthy as the server that sent it.
    if (isConnectionMode(payload?.mode)) connection.setMode(payload.mode);
  });

  let appHold: (() => void) | null = null;

  return {
    $connection,
    ...createPresence(connection, handlers, holders, request),
    ...createNotifications(handlers, holders),
    configure: connection.configure,
    setConnectionMode: connection.setMode,
    request,
    /**
     * The app wants to be online: holds the socket open until `disconnect()`, and reconnects if the
     * token changed since the last handshake (a new sign-in). Idempotent, like `disconnect()`.
     */
    connect(): void {
      appHold ??= holders.acquire();
      connection.refresh();
    },
    /**
     * Drops the app's hold. The socket closes (after a short linger) only once nothing else needs
     * it: mounted stores, subscriptions and pending requests of host and call-remote count too.
     */
    disconnect(): void {
      appHold?.();
      appHold = null;
    },
    /** Listens to a server event while holding the socket open; call the result to stop. */
    subscribe<E extends ServerEventName>(event: E, handler: Handler<E>): () => void {
      const release = holders.acquire();
      const remove = handlers.add(event, handler);
      return () => {
        remove();
        release();
      };
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
