import { assert, expect, matchedPair, until } from '@flint/test-support';
import { LocalChat } from '../chat/local/local-chat.ts';
import { openOutbox } from '../chat/local/outbox.ts';
import { cleanup, mount, shadow, signInWith } from '../pages/test-support.ts';
import { $session } from './session.ts';
import './flint-sign-out.ts';

const summary = (id: string) => ({
  id,
  matchId: crypto.randomUUID(),
  other: { id: crypto.randomUUID(), username: 'x', displayName: 'X', bio: '', age: null, role: 'user' as const },
  lastMessage: null,
  unread: 0,
});

describe('flint-sign-out', () => {
  afterEach(cleanup);

  it("signs out at once when nothing is unsent, deleting the user's chats from the device", async () => {
    const { a, conversationId } = await matchedPair('out');
    signInWith(a);
    await new LocalChat(a.id).replaceConversations([summary(conversationId)]);
    const el = await mount('flint-sign-out');
    shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => $session.get() === null, 'signed out');
    await until(async () => (await new LocalChat(a.id).conversations()).length === 0, 'the stored list gone');
    assert.strictEqual(shadow(el).querySelector('dialog')?.open, false, 'no question asked');
  });

  it('asks first when messages are unsent: an accessible alert dialog; staying keeps everything, confirming deletes it', async () => {
    const { a, conversationId } = await matchedPair('unsent');
    signInWith(a);
    const outbox = openOutbox();
    const entry = {
      clientId: crypto.randomUUID(),
      userId: a.id,
      conversationId,
      body: 'not yet sent',
      createdAt: new Date().toISOString(),
    };
    await outbox.add(entry);
    const el = await mount('flint-sign-out');
    const button = shadow(el).querySelector<HTMLButtonElement>('[part=button]')!;
    const dialog = shadow(el).querySelector('dialog')!;

    button.click();
    await until(() => dialog.open, 'the question');
    assert.strictEqual(dialog.getAttribute('role'), 'alertdialog');
    assert.strictEqual(shadow(el).getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent, 'Sign out?');
    assert.match(
      shadow(el).getElementById(dialog.getAttribute('aria-describedby')!)?.textContent ?? '',
      /^1 of your messages have not been sent yet/,
    );
    assert.strictEqual(shadow(el).activeElement?.textContent, 'Stay signed in', 'focus on the safe choice');
    await expect(el).shadowDom.to.be.accessible();

    (shadow(el).activeElement as HTMLButtonElement).click();
    await until(() => !dialog.open, 'closed');
    assert.notStrictEqual($session.get(), null, 'still signed in');
    assert.strictEqual((await outbox.list(a.id)).length, 1, 'the unsent message stays');

    button.click();
    await until(() => dialog.open, 'asked again');
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Sign out and delete them')!.click();
    await until(() => $session.get() === null, 'signed out');
    await until(async () => (await outbox.list(a.id)).length === 0, 'the outbox emptied');
  });
});
