/**
 * The realtime remote's exposed module (`./socket-store`): one socket per tab and its stores.
 *
 * The instance is looked up on `globalThis` before this copy builds its own, so even a second
 * evaluated copy of this module (another bundle) hands out the first copy's socket and stores.
 */
import { createRealtime, type Realtime } from './realtime.ts';
import { tabSingleton } from './singleton.ts';

const realtime: Realtime = tabSingleton(createRealtime);

export const {
  $connection,
  $presence,
  $notifications,
  configure,
  connect,
  disconnect,
  request,
  subscribe,
  setConnectionMode,
  watchPresence,
  dismissNotification,
} = realtime;

export type { ConnectionState, ConnectionStatus, ConnectOptions, TransportName } from './connection-state.ts';
export { MAX_NOTIFICATIONS } from './notifications.ts';
export type { RequestOptions } from './request.ts';
export { DEFAULT_TIMEOUT_MS } from './request.ts';
