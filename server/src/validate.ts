import type { z } from 'zod';
import { DomainError } from './domain-error.ts';

/** Parses input with a shared zod schema; failure is an `invalid-payload` DomainError naming the fields. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw DomainError.invalid(detail || 'invalid payload');
}
