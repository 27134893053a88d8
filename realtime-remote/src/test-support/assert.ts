/** Minimal assertions for browser tests (mocha has none, and these are all we need). */
export class AssertionError extends Error {}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (!Object.is(actual, expected)) {
    const detail =
      show(actual) === show(expected) ? 'the same object, got an equal but different one' : `${show(expected)}, got ${show(actual)}`;
    throw new AssertionError(`${message} expected ${detail}`.trim());
  }
}

export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  if (show(actual) !== show(expected)) {
    throw new AssertionError(`${message} expected ${show(expected)}, got ${show(actual)}`.trim());
  }
}

/** Polls until `check` returns a truthy value (returned), or fails after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new AssertionError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '<undefined>' : v)) ?? String(value);
}
