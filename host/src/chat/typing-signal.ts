/**
 * The user's own typing indicator, throttled: "typing" goes out at most once per interval while
 * keys keep coming (the server relays it, and the peer's indicator expires on its own), and
 * "stopped" goes out after a few idle seconds or at once when the message is sent.
 */
export const TYPING_RESEND_MS = 2_500;
export const TYPING_IDLE_MS = 3_000;

export class TypingSignal {
  #lastSent = 0;
  #active = false;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (typing: boolean) => unknown) {}

  typed(): void {
    const now = Date.now();
    if (!this.#active || now - this.#lastSent >= TYPING_RESEND_MS) {
      this.#active = true;
      this.#lastSent = now;
      this.emit(true);
    }
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.#idle);
    if (!this.#active) return;
    this.#active = false;
    this.emit(false);
  }
}
