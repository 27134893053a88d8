/**
 * Context keys are strings (not unique symbols) so that a second copy of this module, in another
 * bundle, still matches the provider (ARCHITECTURE §5).
 */
import { createContext } from '@lit/context';
import type * as SocketStore from 'realtime/socket-store';

export type RealtimeStore = typeof SocketStore;

/** The realtime store module loaded through the realtime remote, or null if it could not load. */
export const realtimeContext = createContext<RealtimeStore | null>('flint-realtime');
