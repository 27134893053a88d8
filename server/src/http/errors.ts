/**
 * REST errors: every failure answers `{ error: { code, message } }` with a status that fits the code.
 * Known DomainErrors pass through; Fastify's own client errors (bad JSON, wrong content type) are
 * invalid payloads; anything else is `internal`, with details only in the log.
 */

import { type ErrorBody, ErrorCode } from '@flint/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, toErrorBody } from '../domain-error.ts';

const STATUS: Partial<Record<ErrorBody['code'], number>> = {
  [ErrorCode.INVALID_PAYLOAD]: 400,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.WRONG_STATE]: 409,
  [ErrorCode.BUSY]: 409,
  [ErrorCode.TOO_LARGE]: 413,
  [ErrorCode.RATE_LIMITED]: 429,
};

export function registerErrorHandling(fastify: FastifyInstance): void {
  fastify.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) {
      return reply.status(STATUS[err.code] ?? 500).send({ error: toErrorBody(err) });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? ErrorCode.TOO_LARGE : ErrorCode.INVALID_PAYLOAD;
      return reply.status(status === 413 ? 413 : 400).send({ error: { code, message: err.message } });
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: toErrorBody(err) });
  });
}

export function sendNotFound(reply: { status(n: number): { send(b: unknown): unknown } }, what = 'route') {
  return reply.status(404).send({ error: toErrorBody(DomainError.notFound(what)) });
}
