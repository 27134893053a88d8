/**
 * Chat over the socket: validate (done by the event router), call the service, ack, broadcast.
 * A new message reaches the sender's OTHER tabs and the recipient's tabs as `chat:message` (the
 * sending tab has it in its ack), plus a `message` notification for the recipient's toast layer.
 */
import { type ChatReceiptEvent, type ChatTypingEvent, ServerEvent } from '@flint/shared';
import type { AppContext } from '../app-context.ts';
import { createChatService } from './chat.service.ts';
import { createTypingThrottle } from './typing-throttle.ts';

/** Longest message excerpt shown in a notification. */
const PREVIEW_CHARS = 140;

export function chatModule(ctx: AppContext): void {
  const chat = createChatService(ctx.db);
  const typingThrottle = createTypingThrottle();

  ctx.events.handle('chat:send', async (payload, { socket, userId }) => {
    const { message, created, recipientId } = await chat.send(userId, payload);
    if (created) {
      ctx.notifier.toUsers([userId, recipientId], ServerEvent.CHAT_MESSAGE, message, socket.id);
      const body = message.body.length > PREVIEW_CHARS ? `${message.body.slice(0, PREVIEW_CHARS - 1)}…` : message.body;
      ctx.notifier.notify(recipientId, {
        kind: 'message',
        title: socket.data.user.displayName,
        body,
        href: `/chat/${message.conversationId}`,
        data: { conversationId: message.conversationId, messageId: message.id, senderId: userId },
      });
    }
    return message;
  });

  ctx.events.handle('chat:history', (payload, { userId }) => chat.history(userId, payload));

  for (const [event, kind] of [
    ['chat:read', 'read'],
    ['chat:delivered', 'delivered'],
  ] as const) {
    ctx.events.handle(event, async (payload, { socket, userId }) => {
      const { recipientId, receipts } = kind === 'read' ? await chat.markRead(userId, payload) : await chat.markDelivered(userId, payload);
      if (receipts) {
        const upTo = kind === 'read' ? receipts.read : receipts.delivered;
        const relay: ChatReceiptEvent = { conversationId: payload.conversationId, userId, upTo };
        // The sender's ticks, and this user's other tabs (their unread counts). Clients treat a read
        // as a delivery too, as the stored pointers do.
        ctx.notifier.toUsers([userId, recipientId], event, relay, socket.id);
      }
      return receipts;
    });
  }

  ctx.events.handle('chat:typing', async (payload, { userId }) => {
    if (!typingThrottle.shouldRelay(userId, payload.conversationId, payload.typing)) return { relayed: false };
    const recipientId = await chat.openPeer(payload.conversationId, userId);
    const relay: ChatTypingEvent = { conversationId: payload.conversationId, userId, typing: payload.typing };
    ctx.notifier.toUsers([recipientId], ServerEvent.CHAT_TYPING, relay);
    return { relayed: true };
  });
}
