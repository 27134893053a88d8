/**
 * Server-event handlers, kept apart from the socket object so they survive the socket being
 * replaced (a new server URL) and so one `onAny` dispatcher serves every subscriber.
 */
import type { PushPayload, ServerEventName } from '@flint/shared';

/** A subscriber of `event`, typed by the contract. */
export type Handler<E extends ServerEventName> = (payload: PushPayload<E>) => void;
type AnyHandler = (payload: unknown) => void;

export interface HandlerRegistry {
  add<E extends ServerEventName>(event: E, handler: Handler<E>): () => void;
  /** Whatever the socket received: its event name and payload are not trusted to match the contract. */
  dispatch(event: string, payload: unknown): void;
}

export function createHandlerRegistry(): HandlerRegistry {
  // Entries are wrapped so the same function subscribed twice needs two unsubscribes.
  const byEvent = new Map<string, Set<{ handler: AnyHandler }>>();
  return {
    add(event, handler) {
      let set = byEvent.get(event);
      if (!set) {
        set = new Set();
        byEvent.set(event, set);
      }
      const entry = { handler: handler as AnyHandler };
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
