/**
 * The one error type services throw on purpose. Its `code` is one of the shared `ErrorCode`s and its
 * message is safe to show to the user; anything else that escapes a handler is reported to clients
 * as `internal` with a generic message, and its details go only to the log.
 */
import { type ErrorBody, ErrorCode } from '@flint/shared';

export class DomainError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
  }

  static invalid(message: string) {
    return new DomainError(ErrorCode.INVALID_PAYLOAD, message);
  }
  static notFound(what: string) {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
  }
  static forbidden(message = 'not allowed') {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }
  static unauthorized() {
    return new DomainError(ErrorCode.UNAUTHORIZED, 'unauthorized');
  }
}

export const INTERNAL_MESSAGE = 'something went wrong on the server';

/** The client-facing body for any thrown value: known codes pass through, the rest become `internal`. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return { code: err.code, message: err.message };
  return { code: ErrorCode.INTERNAL, message: INTERNAL_MESSAGE };
}
