/**
 * Presence of some users for a page: asks the realtime store to watch them (so the server sends
 * their `presence` events) and follows `$presence`, re-rendering the host when it changes.
 */
import { html, type ReactiveControllerHost } from 'lit';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { SourceEffect, StoreBinding } from './bindings.ts';

export class PresenceController {
  #ids: string[] = [];
  readonly #presence: StoreBinding<Readonly<Record<string, boolean>>>;
  readonly #watch: SourceEffect<RealtimeStore>;

  constructor(host: ReactiveControllerHost) {
    this.#presence = new StoreBinding<Readonly<Record<string, boolean>>>(host, {});
    // The store keeps watching (and re-queries after reconnects) on its own: nothing to undo.
    this.#watch = new SourceEffect<RealtimeStore>(host, (rt) => {
      if (this.#ids.length) void rt.watchPresence(this.#ids);
      return () => {};
    });
  }

  /** Call from the host's `willUpdate` with the consumed realtime module and the users to watch. */
  use(rt: RealtimeStore | null, userIds: string[]): void {
    this.#ids = [...new Set(userIds)].sort();
    this.#presence.use(rt?.$presence ?? null);
    this.#watch.use(rt, this.#ids.join(','));
  }

  online(userId: string): boolean {
    return this.#presence.value[userId] === true;
  }
}

/** The presence dot: colour for sight, a label for screen readers, a data attribute for tests. */
export function presenceDot(locale: Locale, online: boolean) {
  const presence = online ? 'online' : 'offline';
  return html`<span class="dot" role="img" data-presence=${presence} aria-label=${t(locale, `presence.${presence}`)}></span>`;
}
