/** Errors of the database drivers (PGlite and `pg` report PostgreSQL's SQLSTATE codes alike). */

/** Whether `err`, or any error in its `cause` chain (drizzle wraps the driver's), is a unique violation (23505). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
