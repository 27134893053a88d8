/**
 * Holds the tab's chat agent for a host element (the shell), so the outbox drains and incoming
 * messages are acknowledged as delivered on every route, not only while a conversation is open.
 * Call `use(realtime, userId)` from the host's `willUpdate`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RealtimeStore } from '../session/context.ts';
import { holdChatAgent } from './chat-agent.ts';

export class ChatAgentController implements ReactiveController {
  #rt: RealtimeStore | null = null;
  #userId: string | null = null;
  #connected = false;
  #release: (() => void) | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  use(rt: RealtimeStore | null, userId: string | null | undefined): void {
    if (rt === this.#rt && (userId ?? null) === this.#userId) return;
    this.#rt = rt;
    this.#userId = userId ?? null;
    this.#restart();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#restart();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#restart();
  }

  #restart(): void {
    this.#release?.();
    this.#release = this.#connected && this.#rt && this.#userId ? holdChatAgent(this.#rt, this.#userId).release : null;
  }
}
