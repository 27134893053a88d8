/**
 * Small helpers for the page tests (web-test-runner runs mocha without an assertion library).
 * Pages talk to the REAL server: the test runner serves `/api` from a running Flint server.
 */
import type { LitElement } from 'lit';
import type { TestUser } from '../../../realtime-remote/src/test-support/flint-server.ts';
import { api } from '../api/api.ts';
import { $session, devLogin, signOut } from '../session/session.ts';

export { freshUser, matchedPair } from '../../../realtime-remote/src/test-support/flint-server.ts';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Polls until `read()` returns a truthy value (the page is waiting on the server), then returns it. */
export async function waitFor<T>(read: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Mounts a page element in the document and waits for its first render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const el = Object.assign(document.createElement(tag), props);
  document.body.append(el);
  await (el as unknown as LitElement).updateComplete;
  return el;
}

/** Removes mounted pages and signs out, so each test starts clean. */
export function cleanup(): void {
  document.body.replaceChildren();
  signOut();
}

export const signInAs = (username: string) => devLogin(username);

/** Signs in as a fresh test user (own data, so concurrent test files never share it). */
export function signInWith({ token, ...user }: TestUser): void {
  $session.set({ token, user });
}

/**
 * Passes (through the API) everyone in the signed-in user's deck who comes before `userId`, so the
 * swipe page starts at that person however many users other tests created.
 */
export async function deckStartingWith(userId: string): Promise<void> {
  for (;;) {
    const deck = await api.deck();
    const at = deck.findIndex((u) => u.id === userId);
    if (at === 0) return;
    const before = at < 0 ? deck : deck.slice(0, at);
    assert(before.length > 0, `user ${userId} is not in the deck`);
    await Promise.all(before.map((u) => api.swipe({ targetId: u.id, like: false })));
  }
}

/** Sets a form control's value as typing would, firing `input`. */
export function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

export function shadow(el: Element): ShadowRoot {
  assert(el.shadowRoot, `${el.localName} has no shadow root`);
  return el.shadowRoot;
}

/** The button whose accessible text is `name` (what QA's getByRole('button', { name }) finds). */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  assert(found, `no button named "${name}"`);
  return found;
}
