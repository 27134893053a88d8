/**
 * Holds the tab's chat agent for a host element (the shell), so the outbox drains, incoming
 * messages are stored on the device and acknowledged as delivered on every route, not only while a
 * conversation is open. Held from sign-in on, realtime module or not (the outbox still takes messages).
 * Call `use(realtime, userId)` from the host's `willUpdate`.
 */
import type { ReactiveControllerHost } from 'lit';
import { ConnectedController } from '../app/connected-controller.ts';
import type { RealtimeStore } from '../session/context.ts';
import { holdChatAgent } from './chat-agent.ts';

export class ChatAgentController extends ConnectedController {
  #rt: RealtimeStore | null = null;
  #userId: string | null = null;
  #release: (() => void) | null = null;

  constructor(host: ReactiveControllerHost) {
    super();
    host.addController(this);
  }

  use(rt: RealtimeStore | null, userId: string | null | undefined): void {
    if (rt === this.#rt && (userId ?? null) === this.#userId) return;
    this.#rt = rt;
    this.#userId = userId ?? null;
    this.restart();
  }

  protected restart(): void {
    // The new hold first, so the agent (and its listeners) survives a change of realtime module.
    const previous = this.#release;
    this.#release = this.connected && this.#userId ? holdChatAgent(this.#userId, this.#rt).release : null;
    previous?.();
  }
}
