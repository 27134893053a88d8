/** REST authentication: a preHandler that turns `Authorization: Bearer <token>` into `request.user`. */

import type { PublicUser } from '@flint/shared';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { findUserById } from '../users/users.repository.ts';
import type { TokenService } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: PublicUser | null;
  }
}

export interface Guards {
  user: preHandlerAsyncHookHandler;
  admin: preHandlerAsyncHookHandler;
}

/** The authenticated user of a request that passed a guard. */
export function currentUser(request: FastifyRequest): PublicUser {
  if (!request.user) throw DomainError.unauthorized();
  return request.user;
}

export function createGuards(tokens: TokenService, db: Db): Guards {
  async function authenticate(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const userId = await tokens.verify(token);
    const user = userId ? await findUserById(db.orm, userId) : null;
    if (!user) throw DomainError.unauthorized();
    request.user = user;
  }
  return {
    user: authenticate,
    async admin(request, reply) {
      await authenticate(request, reply);
      if (request.user?.role !== 'admin') throw DomainError.forbidden('admins only');
    },
  };
}
