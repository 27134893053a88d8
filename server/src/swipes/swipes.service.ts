import type { Match, RestBodies, SwipeResult } from '@flint/shared';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { findMatchBetween, insertMatch, orderedPair } from '../matches/matches.repository.ts';
import { findUserById, isBlockedEitherWay } from '../users/users.repository.ts';
import { hasLiked, lockPair, upsertSwipe } from './swipes.repository.ts';

export interface SwipeOutcome {
  result: SwipeResult;
  /** Set only when this swipe created the match: each side's view, for telling both of them. */
  newMatch: { forSwiper: Match; forTarget: Match } | null;
}

export function createSwipesService(db: Db) {
  return {
    /** A like that meets an earlier like creates one match and one conversation, atomically. */
    swipe(swiperId: string, { targetId, like }: RestBodies['swipe']): Promise<SwipeOutcome> {
      if (targetId === swiperId) throw DomainError.invalid('you cannot swipe on yourself');
      return db.orm.transaction(async (tx) => {
        const [a, b] = orderedPair(swiperId, targetId);
        await lockPair(tx, a, b);
        const target = await findUserById(tx, targetId);
        if (target?.role !== 'user' || (await isBlockedEitherWay(tx, swiperId, targetId))) {
          throw DomainError.notFound('user');
        }
        await upsertSwipe(tx, swiperId, targetId, like);
        const existing = await findMatchBetween(tx, swiperId, targetId);
        if (existing) return { result: { matched: true, match: existing }, newMatch: null };
        if (!like || !(await hasLiked(tx, targetId, swiperId))) return { result: { matched: false }, newMatch: null };

        await insertMatch(tx, swiperId, targetId);
        const forSwiper = (await findMatchBetween(tx, swiperId, targetId))!;
        const forTarget = (await findMatchBetween(tx, targetId, swiperId))!;
        return { result: { matched: true, match: forSwiper }, newMatch: { forSwiper, forTarget } };
      });
    },
  };
}
