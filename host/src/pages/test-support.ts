/**
 * Small helpers for the page tests (web-test-runner runs mocha without an assertion library).
 * Pages talk to the REAL server: the test runner serves `/api` from a running Flint server.
 */
import type { LitElement } from 'lit';
import { devLogin, signOut } from '../session/session.ts';

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
