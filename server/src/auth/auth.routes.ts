import type { LoginResult } from '@flint/shared';
import { rest } from '@flint/shared/schemas';
import type { AppContext } from '../app-context.ts';
import { DomainError } from '../domain-error.ts';
import { perMinute } from '../http/rate-limit.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { parseWith } from '../validate.ts';

/** Dev login (QA contract): a username is enough. Registered only for NODE_ENV unset, `development` or `test`. */
export function authModule(ctx: AppContext): void {
  if (!ctx.config.devLogin) return;
  // Its own, lower budget: a username alone signs in, so guessing names must stay slow.
  ctx.fastify.post('/api/dev/login', { config: perMinute(ctx.config.limits.loginPerMinute) }, async (request): Promise<LoginResult> => {
    const { username } = parseWith(rest.devLogin, request.body);
    const user = await findUserByUsername(ctx.db.orm, username);
    if (!user) throw DomainError.notFound(`user "${username}"`);
    return { token: await ctx.tokens.sign(user.id), user };
  });
}
