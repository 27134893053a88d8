/** REST authentication: a preHandler that turns `Authorization: Bearer <token>` into `request.user`. */

import type { PublicUser } from '@flint/shared';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError } from '../domain-error.ts';
import type { Authenticate } from './identities.ts';

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

export function createGuards(userOf: Authenticate): Guards {
  async function authenticate(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const user = await userOf(token);
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
