/**
 * How long a browser test waits for something that must happen. Generous on purpose: CI shares two
 * cores with browsers and databases, and a wait that succeeds returns at once, so only a failure pays it.
 */
export const WAIT_MS = 5_000;

/** What a passed truthiness check leaves of `T`. */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `check` until it returns a truthy value (which it returns), or fails after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = WAIT_MS): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
