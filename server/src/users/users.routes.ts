import type { PublicUser } from '@flint/shared';
import { rest } from '@flint/shared/schemas';
import type { AppContext } from '../app-context.ts';
import { currentUser } from '../auth/guard.ts';
import { parseWith } from '../validate.ts';
import { createUsersService } from './users.service.ts';

export function usersModule(ctx: AppContext): void {
  const users = createUsersService(ctx.db);
  const auth = { preHandler: ctx.guards.user };

  ctx.fastify.get('/api/me', auth, async (request): Promise<PublicUser> => currentUser(request));

  ctx.fastify.patch('/api/me', auth, async (request): Promise<PublicUser> => {
    const patch = parseWith(rest.profileUpdate, request.body);
    return users.updateProfile(currentUser(request).id, patch);
  });

  ctx.fastify.get('/api/deck', auth, async (request): Promise<PublicUser[]> => users.deck(currentUser(request).id));

  ctx.fastify.get<{ Params: { id: string } }>(
    '/api/users/:id',
    auth,
    async (request): Promise<PublicUser> => users.profile(currentUser(request).id, request.params.id),
  );
}
