import type { Db } from '../db/index.ts';
import { matchedUserIds } from '../matches/matches.repository.ts';
import { countSockets, deleteNodeSockets, deleteSocket, insertSocket, lockUser, onlineAmong } from './presence.repository.ts';

export interface PresenceChange {
  userId: string;
  online: boolean;
  /** Who may be told: only people matched with the user. */
  audience: string[];
}

export function createPresenceService(db: Db, nodeId: string) {
  const audience = (userId: string) => matchedUserIds(db.orm, userId);
  const change = async (userId: string, online: boolean): Promise<PresenceChange> => ({
    userId,
    online,
    audience: await audience(userId),
  });

  return {
    /** Records a socket; a change only when it is the user's first. */
    async socketConnected(socketId: string, userId: string): Promise<PresenceChange | null> {
      const first = await db.orm.transaction(async (tx) => {
        await lockUser(tx, userId);
        await insertSocket(tx, { socketId, userId, nodeId });
        return (await countSockets(tx, userId)) === 1;
      });
      return first ? change(userId, true) : null;
    },

    /** Forgets a socket; a change only when it was the user's last. */
    async socketDisconnected(socketId: string, userId: string): Promise<PresenceChange | null> {
      const last = await db.orm.transaction(async (tx) => {
        await lockUser(tx, userId);
        return (await deleteSocket(tx, socketId)) && (await countSockets(tx, userId)) === 0;
      });
      return last ? change(userId, false) : null;
    },

    /** At start: drop rows a previous run of this node left behind; changes for users now offline. */
    async clearNode(): Promise<PresenceChange[]> {
      const userIds = await deleteNodeSockets(db.orm, nodeId);
      const changes: PresenceChange[] = [];
      for (const userId of userIds) {
        if ((await countSockets(db.orm, userId)) === 0) changes.push(await change(userId, false));
      }
      return changes;
    },

    /** Online state of the asked users; anyone not matched with the caller reads as offline. */
    async query(callerId: string, userIds: string[]): Promise<Record<string, boolean>> {
      const visible = new Set(await audience(callerId));
      const online = await onlineAmong(
        db.orm,
        userIds.filter((id) => visible.has(id)),
      );
      return Object.fromEntries(userIds.map((id) => [id, online.has(id)]));
    },
  };
}
