import type { PublicUser, RestBodies } from '@flint/shared';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { findUserById, isBlockedEitherWay, listDeck, updateProfile } from './users.repository.ts';

export function createUsersService(db: Db) {
  return {
    deck: (userId: string) => listDeck(db.orm, userId),

    async updateProfile(userId: string, patch: RestBodies['profileUpdate']): Promise<PublicUser> {
      const user = await updateProfile(db.orm, userId, patch);
      if (!user) throw DomainError.notFound('user');
      return user;
    },

    /** Another user's public profile; someone who blocked you (or whom you blocked) does not exist for you. */
    async profile(viewerId: string, id: string): Promise<PublicUser> {
      const user = await findUserById(db.orm, id);
      if (!user || (user.id !== viewerId && (await isBlockedEitherWay(db.orm, viewerId, user.id)))) {
        throw DomainError.notFound('user');
      }
      return user;
    },
  };
}
