/**
 * Tab-wide instance guard. If two bundles each evaluate a copy of the socket store, module scope is
 * duplicated but `globalThis` is not, and `Symbol.for` returns the same symbol in every copy: the
 * first copy's instance (its socket and stores) is the one every later copy hands out.
 */
export const INSTANCE_KEY: unique symbol = Symbol.for('flint.realtime.socket-store') as never;

type Registry = { [INSTANCE_KEY]?: unknown };

export function tabSingleton<T>(create: () => T): T {
  const registry = globalThis as Registry;
  registry[INSTANCE_KEY] ??= create();
  return registry[INSTANCE_KEY] as T;
}
