import type { ConversationSummary, Match } from '@flint/shared';
import { unreadCounts } from '../chat/chat.repository.ts';
import type { Db } from '../db/index.ts';
import { lastMessages, listMatches } from './matches.repository.ts';

export function createMatchesService(db: Db) {
  return {
    list: (userId: string): Promise<Match[]> => listMatches(db.orm, userId),

    /** One summary per match, most recent activity (last message, else the match) first. */
    async conversations(userId: string): Promise<ConversationSummary[]> {
      const all = await listMatches(db.orm, userId);
      const ids = all.map((m) => m.conversationId);
      const [last, unread] = await Promise.all([lastMessages(db.orm, ids), unreadCounts(db.orm, userId, ids)]);
      const activity = (s: ConversationSummary, m: Match) => s.lastMessage?.createdAt ?? m.createdAt;
      return all
        .map((m) => {
          const summary: ConversationSummary = {
            id: m.conversationId,
            matchId: m.id,
            other: m.other,
            lastMessage: last.get(m.conversationId) ?? null,
            unread: unread.get(m.conversationId) ?? 0,
          };
          return { summary, at: activity(summary, m) };
        })
        .sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0))
        .map((x) => x.summary);
    },
  };
}
