import type { ConversationSummary, Match, SwipeResult } from '@flint/shared';
import { rest } from '@flint/shared/schemas';
import type { AppContext } from '../app-context.ts';
import { currentUser } from '../auth/guard.ts';
import { createMatchesService } from '../matches/matches.service.ts';
import { parseWith } from '../validate.ts';
import { createSwipesService } from './swipes.service.ts';

export function swipesModule(ctx: AppContext): void {
  const swipes = createSwipesService(ctx.db);
  const matches = createMatchesService(ctx.db);
  const auth = { preHandler: ctx.guards.user };
  const notifyMatch = (recipientId: string, match: Match) =>
    ctx.notifier.notify(recipientId, {
      kind: 'match',
      title: "It's a match!",
      body: `You and ${match.other.displayName} like each other.`,
      href: `/chat/${match.conversationId}`,
      data: { matchId: match.id, conversationId: match.conversationId, userId: match.other.id },
    });

  ctx.fastify.post('/api/swipes', auth, async (request): Promise<SwipeResult> => {
    const body = parseWith(rest.swipe, request.body);
    const swiperId = currentUser(request).id;
    const { result, newMatch } = await swipes.swipe(swiperId, body);
    if (newMatch) {
      // Both people hear about it, each on every tab (the user room), each about the other person.
      notifyMatch(swiperId, newMatch.forSwiper);
      notifyMatch(body.targetId, newMatch.forTarget);
    }
    return result;
  });

  ctx.fastify.get('/api/matches', auth, async (request): Promise<Match[]> => matches.list(currentUser(request).id));

  ctx.fastify.get(
    '/api/conversations',
    auth,
    async (request): Promise<ConversationSummary[]> => matches.conversations(currentUser(request).id),
  );
}
