import { ClientEvent, type PresencePayload, ServerEvent } from '@flint/shared';
import type { AppContext } from '../app-context.ts';
import { createPresenceService, type PresenceChange } from './presence.service.ts';

/** Presence: announces real online/offline changes to the user's matches, answers `presence:query`. */
export async function presenceModule(ctx: AppContext): Promise<void> {
  const presence = createPresenceService(ctx.db, ctx.config.nodeId);
  const announce = (change: PresenceChange | null) => {
    if (!change) return;
    const payload: PresencePayload = { userId: change.userId, online: change.online };
    ctx.notifier.toUsers(change.audience, ServerEvent.PRESENCE, payload);
  };

  for (const change of await presence.clearNode()) announce(change);

  ctx.onConnection(async (socket) => announce(await presence.socketConnected(socket.id, socket.data.user.id)));
  ctx.onDisconnect(async (socket) => announce(await presence.socketDisconnected(socket.id, socket.data.user.id)));
  ctx.events.handle(ClientEvent.PRESENCE_QUERY, ({ userIds }, { userId }) => presence.query(userId, userIds));
}
