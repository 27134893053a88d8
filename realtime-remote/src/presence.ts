/**
 * `$presence`: userId → online, fed by `presence` pushes and by `watchPresence()` queries. Pushes
 * are hints; after every (re)connect the watched users are queried again, since pushes sent while
 * this tab was offline are gone.
 */
import { map, onMount } from 'nanostores';
import { ServerEvent, type Ack, type PresencePayload } from '@flint/shared';
import type { Connection } from './connection.ts';
import type { HandlerRegistry } from './handlers.ts';
import type { Holders } from './holders.ts';
import type { Request } from './request.ts';

/** The server accepts at most this many ids per `presence:query` (shared schema). */
const MAX_QUERY = 500;

export function createPresence(connection: Connection, handlers: HandlerRegistry, holders: Holders, request: Request) {
  const $presence = map<Record<string, boolean>>({});
  onMount($presence, () => holders.acquire());
  const watched = new Set<string>();

  const apply = (entries: PresencePayload[]) => {
    for (const p of entries) if (isPresence(p)) $presence.setKey(p.userId, p.online);
  };
  handlers.add(ServerEvent.PRESENCE, (payload) => apply([payload as PresencePayload]));

  async function query(userIds: string[]): Promise<Ack<PresencePayload[]>> {
    const result = await request<'presence:query', PresencePayload[]>('presence:query', { userIds });
    if (result.ok && Array.isArray(result.data)) apply(result.data);
    return result;
  }

  /** Asks for these users' presence now and again after every reconnect. */
  function watchPresence(userIds: string[]): Promise<Ack<PresencePayload[]>> {
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
