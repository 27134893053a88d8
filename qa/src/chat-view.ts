/**
 * Page object for a conversation (`<flint-conversation>` on `/chat/:id`), over what a user sees:
 * the composer by its label, messages by their text, each own message's status as text and
 * `data-status`, the typing line, "Jump to latest".
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { FlintApp } from './flint-app.ts';

export class ChatView {
  constructor(readonly app: FlintApp) {}

  get page(): Page {
    return this.app.page;
  }

  /** Opens the conversation with `displayName` through the Chats list, as a user would. */
  async openWith(displayName: string): Promise<string> {
    await this.app.go('Chats');
    await this.page.getByRole('link', { name: displayName, exact: true }).click();
    await expect(this.page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await this.waitLoaded();
    return this.conversationId();
  }

  conversationId(): string {
    return new URL(this.page.url()).pathname.split('/').at(-1)!;
  }

  async waitLoaded(): Promise<void> {
    await expect(this.list.locator('.notice')).not.toHaveText('Loading…');
  }

  get list(): Locator {
    return this.page.locator('flint-conversation .list');
  }

  get messages(): Locator {
    return this.page.locator('flint-conversation li.message');
  }

  message(body: string): Locator {
    return this.messages.filter({ has: this.page.locator('.body', { hasText: new RegExp(`^${escapeRegExp(body)}$`) }) });
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get typing(): Locator {
    return this.page.locator('flint-conversation .typing');
  }

  async send(body: string): Promise<void> {
    await this.composer.fill(body);
    await this.composer.press('Enter');
    await expect(this.composer).toHaveValue('');
  }

  /** Bodies of the messages on screen whose text starts with `prefix`, in screen order. */
  async bodies(prefix: string): Promise<string[]> {
    const all = await this.messages.locator('.body').allTextContents();
    return all.filter((b) => b.startsWith(prefix));
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
