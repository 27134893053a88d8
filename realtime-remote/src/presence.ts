/**
 * `$presence`: userId → online, fed by `presence` pushes and by `watchPresence()` queries. Pushes
 * are hints; after every (re)connect the watched users are queried again, since pushes sent while
 * this tab was offline are gone.
 */

import { type Ack, type PresencePayload, ServerEvent } from '@flint/shared';
import { map, onMount } from 'nanostores';
import type { Connection } from './connection.ts';
import type { HandlerRegistry } from './handlers.ts';
import type { Holders } from './holders.ts';
import type { Request } from './request.ts';

/** The server accepts at most this many ids per `presence:query` (shared schema). */
const MAX_QUERY = 500;

export type PresenceMap = Record<string, boolean>;

export function createPresence(connection: Connection, handlers: HandlerRegistry, holders: Holders, request: Request) {
  const $presence = map<PresenceMap>({});
  onMount($presence, () => holders.acquire());
  const watched = new Set<string>();
  /** Pushes seen per user: a query answer never overrides a push that came while it was asked. */
  const pushes = new Map<string, number>();

  handlers.add(ServerEvent.PRESENCE, (payload) => {
    if (!isPresence(payload)) return;
    pushes.set(payload.userId, (pushes.get(payload.userId) ?? 0) + 1);
    $presence.setKey(payload.userId, payload.online);
  });

  /**
   * The server answers userId → online (users not matched with the caller read as offline). Its
   * answer can be older than a push that overtook it (a tab closing while the query read the
   * database), so a user pushed about meanwhile keeps the pushed value.
   */
  async function query(userIds: string[]): Promise<Ack<PresenceMap>> {
    const asked = new Map(userIds.map((id) => [id, pushes.get(id) ?? 0]));
    const result = await request('presence:query', { userIds });
    if (result.ok && result.data && typeof result.data === 'object') {
      for (const [userId, online] of Object.entries(result.data)) {
        const overtaken = (pushes.get(userId) ?? 0) !== asked.get(userId);
        if (typeof online === 'boolean' && !overtaken) $presence.setKey(userId, online);
      }
    }
    return result;
  }

  /** Asks for these users' presence now and again after every reconnect. */
  function watchPresence(userIds: string[]): Promise<Ack<PresenceMap>> {
    for (const id of userIds) watched.add(id);
    return query(userIds.slice(0, MAX_QUERY));
  }

  connection.onConnect(() => {
    if (watched.size > 0) void query([...watched].slice(-MAX_QUERY));
  });

  return { $presence, watchPresence };
}

function isPresence(value: unknown): value is PresencePayload {
  const p = value as Partial<PresencePayload> | null;
  return typeof p?.userId === 'string' && typeof p.online === 'boolean';
}
