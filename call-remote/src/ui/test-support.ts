/** Helpers for call-remote's browser tests: a view model from a snapshot, rendering, and queries by name. */
import { sendMouse } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import type { CallSnapshot } from '../fsm/index.ts';
import { translator } from '../i18n/index.ts';
import type { CallActions, CallViewModel } from './view-model.ts';

export type Recorded = Array<[keyof CallActions, ...unknown[]]>;

/** A view model for `snapshot` whose actions are recorded in `calls`. */
export function viewModel(snapshot: CallSnapshot, over: Partial<CallViewModel> = {}): { vm: CallViewModel; calls: Recorded } {
  const calls: Recorded = [];
  const record =
    (name: keyof CallActions) =>
    (...args: unknown[]) =>
      // A handler bound straight to @click gets the DOM event: record only what the view passed.
      void calls.push([name, ...args.filter((a) => !(a instanceof Event))]);
  const act = Object.fromEntries(
    (['accept', 'decline', 'hangUp', 'vote', 'retryDevices', 'dismiss', 'toggle'] as const).map((n) => [n, record(n)]),
  ) as unknown as CallActions;
  const vm: CallViewModel = {
    snapshot,
    t: translator('en'),
    now: Date.now(),
    local: null,
    remote: null,
    sending: { audio: true, video: true },
    peerSending: { audio: true, video: true },
    level: 0,
    peerLevel: 0,
    outdated: false,
    elsewhere: false,
    act,
    ...over,
  };
  return { vm, calls };
}

/** Renders a template into a fresh container in the document (so focus and layout are real). */
export function show(template: TemplateResult | typeof import('lit').nothing): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(template, root);
  return root;
}

/** The button whose accessible name (its trimmed text) is `name`, as getByRole('button', {name}) finds it. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent)?.trim() === name);
  if (!found)
    throw new Error(`no button named "${name}" in: ${[...root.querySelectorAll('button')].map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

export const text = (root: ParentNode): string => (root as HTMLElement).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * A real (trusted) click, so the page has user activation: Chromium keeps an AudioContext made
 * without one suspended (autoplay policy), as it would for a user who never clicked anything.
 */
export const userGesture = () => sendMouse({ type: 'click', position: [1, 1] });
