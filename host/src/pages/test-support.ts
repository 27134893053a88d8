/**
 * The host's own helpers for its page tests (mounting pages, signing in, reading shadow DOM); the
 * assertions, waits and the real server's users come from @flint/test-support, as in every package.
 */

import { assert, type TestUser } from '@flint/test-support';
import type { LitElement } from 'lit';
import { api } from '../api/api.ts';
import { $session, devLogin } from '../session/session.ts';
import { signOut } from '../session/sign-out.ts';

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
    assert.ok(before.length > 0, `user ${userId} is not in the deck`);
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
  assert.ok(el.shadowRoot, `${el.localName} has no shadow root`);
  return el.shadowRoot;
}

/** The button whose accessible text is `name` (what QA's getByRole('button', { name }) finds). */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  assert.ok(found, `no button named "${name}"`);
  return found;
}
