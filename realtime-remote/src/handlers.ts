/**
 * Server-event handlers, kept apart from the socket object so they survive the socket being
 * replaced (a new server URL) and so one `onAny` dispatcher serves every subscriber.
 */
export type Handler = (payload: unknown) => void;

export interface HandlerRegistry {
  add(event: string, handler: Handler): () => void;
  dispatch(event: string, payload: unknown): void;
}

export function createHandlerRegistry(): HandlerRegistry {
  // Entries are wrapped so the same function subscribed twice needs two unsubscribes.
  const byEvent = new Map<string, Set<{ handler: Handler }>>();
  return {
    add(event, handler) {
      let set = byEvent.get(event);
      if (!set) {
        set = new Set();
        byEvent.set(event, set);
      }
      const entry = { handler };
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && byEvent.get(event) === set) byEvent.delete(event);
      };
    },
    dispatch(event, payload) {
      for (const { handler } of [...(byEvent.get(event) ?? [])]) {
        try {
          handler(payload);
        } catch (err) {
          // One faulty subscriber must not starve the others of the same event.
          console.error(`[flint realtime] handler for "${event}" threw`, err);
        }
      }
    },
  };
}
