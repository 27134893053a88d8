/**
 * Chat rules, without transport: only the two members of a conversation may read or write it, a
 * send is idempotent on the sender's clientId, receipts only move forward. Handlers turn the
 * results into acks and broadcasts.
 */
import type { ChatHistoryPage, ChatMessage, ChatReceipts, ChatSystemLine, ClientPayloads } from '@flint/shared';
import type { Db, Executor } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { isBlockedEitherWay } from '../users/users.repository.ts';
import { advanceReceipt, findMembers, getReceipts, insertSystemLine, listMessages } from './chat.repository.ts';
import { createSendBatcher } from './send-batcher.ts';

export const DEFAULT_PAGE_SIZE = 50;

export interface SendResult {
  message: ChatMessage;
  /** false for a retry of a message already stored: nothing new to broadcast. */
  created: boolean;
  recipientId: string;
}

export interface ReceiptResult {
  recipientId: string;
  /** The member's new pointers, or null when the request moved nothing. */
  receipts: ChatReceipts | null;
}

/**
 * A system line about a date in its conversation (chat owns messages; the calls domain asks here),
 * inside the caller's transaction `tx`. One line per session: its key is the session id, under the
 * caller's id (the line is nobody's words: the body is empty and clients render `system`). The key
 * has a space, which no client's `clientId` may hold, so nobody can take it first. Null when that
 * session's line exists already.
 */
export function appendSystemLine(
  tx: Executor,
  conversationId: string,
  callerId: string,
  line: ChatSystemLine,
): Promise<ChatMessage | null> {
  return insertSystemLine(tx, { conversationId, senderId: callerId, clientId: `call ${line.sessionId}`, system: line });
}

export function createChatService(db: Db) {
  const batcher = createSendBatcher(db);

  /**
   * The other member, for a member. An unknown conversation is refused like someone else's, so ids
   * cannot be probed.
   */
  async function otherMember(conversationId: string, userId: string): Promise<string> {
    const members = await findMembers(db.orm, conversationId);
    if (!members?.includes(userId)) throw DomainError.forbidden('not a member of this conversation');
    return members[0] === userId ? members[1] : members[0];
  }

  /**
   * The other member, while the conversation is open between them: after a block (either way) it
   * is closed to both, so no history, receipts or typing cross it any more.
   */
  async function openPeer(conversationId: string, userId: string): Promise<string> {
    const peer = await otherMember(conversationId, userId);
    if (await isBlockedEitherWay(db.orm, userId, peer)) throw DomainError.forbidden('this conversation is no longer available');
    return peer;
  }

  async function receipt(userId: string, kind: 'read' | 'delivered', p: ClientPayloads['chat:read']): Promise<ReceiptResult> {
    const recipientId = await openPeer(p.conversationId, userId);
    return { recipientId, receipts: await advanceReceipt(db.orm, p.conversationId, userId, kind, p.upTo) };
  }

  return {
    openPeer,

    /**
     * Stores a message (or finds the retry's original) in one statement shared with concurrent sends
     * (send-batcher.ts); resolves once it is committed. A non-member is refused like an unknown
     * conversation; a retry is answered from what is stored, even if a block came in between: it
     * already happened.
     */
    async send(userId: string, p: ClientPayloads['chat:send']): Promise<SendResult> {
      const outcome = await batcher.send({ conversationId: p.conversationId, senderId: userId, clientId: p.clientId, body: p.body });
      if (outcome.kind === 'not-member') throw DomainError.forbidden('not a member of this conversation');
      if (outcome.kind === 'blocked') throw DomainError.forbidden('you can no longer write here');
      return { message: outcome.message, created: outcome.kind === 'created', recipientId: outcome.recipientId };
    },

    async history(userId: string, p: ClientPayloads['chat:history']): Promise<ChatHistoryPage> {
      if (p.before !== undefined && p.after !== undefined) {
        throw DomainError.invalid('use either "before" (older pages) or "after" (sync), not both');
      }
      const recipientId = await openPeer(p.conversationId, userId);
      const page = await listMessages(db.orm, p.conversationId, {
        before: p.before,
        after: p.after,
        limit: p.limit ?? DEFAULT_PAGE_SIZE,
      });
      return { ...page, receipts: await getReceipts(db.orm, p.conversationId, recipientId) };
    },

    markRead: (userId: string, p: ClientPayloads['chat:read']) => receipt(userId, 'read', p),
    markDelivered: (userId: string, p: ClientPayloads['chat:delivered']) => receipt(userId, 'delivered', p),
  };
}
