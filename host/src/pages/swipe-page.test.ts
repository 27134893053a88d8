import { api } from '../api/api.ts';
import { assert, assertEqual, button, cleanup, mount, shadow, signInAs, waitFor } from './test-support.ts';
import './swipe-page.ts';
import type { FlintSwipePage } from './swipe-page.ts';

const cardName = (el: FlintSwipePage) => shadow(el).querySelector('article h2')?.textContent?.trim();
const settled = (el: FlintSwipePage) =>
  shadow(el).querySelector('article') || shadow(el).textContent?.includes('No one new right now');

describe('flint-swipe-page', () => {
  afterEach(cleanup);

  it('shows one card at a time and says so when the deck is empty', async () => {
    await signInAs('admin');
    const el = await mount('flint-swipe-page');
    await waitFor(() => settled(el), 'the deck');
    const seen: string[] = [];
    for (let name = cardName(el); name; name = cardName(el)) {
      assertEqual(shadow(el).querySelectorAll('article').length, 1, 'cards shown');
      seen.push(name);
      button(shadow(el), 'Pass').click();
      await waitFor(() => cardName(el) !== name, 'the next card');
    }
    assert(seen.length > 0, 'the deck had cards');
    assert(shadow(el).textContent?.includes('No one new right now'), 'empty-deck message');
    assertEqual((await api.deck()).length, 0, 'server deck after passing everyone');
  });

  it('announces a mutual like with a link to the new chat', async () => {
    const dan = await signInAs('dan');
    const cleo = await signInAs('cleo');
    await signInAs('dan');
    await api.swipe({ targetId: cleo.user.id, like: true });
    await signInAs('cleo');
    const el = await mount('flint-swipe-page');
    await waitFor(() => settled(el), 'the deck');
    while (cardName(el) && !cardName(el)!.startsWith(dan.user.displayName)) {
      const name = cardName(el);
      button(shadow(el), 'Pass').click();
      await waitFor(() => cardName(el) !== name, 'the next card');
    }
    assert(cardName(el), "dan's card is in cleo's deck");
    button(shadow(el), 'Like').click();
    const match = await waitFor(() => shadow(el).querySelector('.match'), 'the match message');
    assert(match.textContent?.includes(`It's a match with ${dan.user.displayName}!`), `message: ${match.textContent}`);
    const conversation = (await api.conversations()).find((c) => c.other.id === dan.user.id);
    assert(conversation, 'the server made a conversation');
    assertEqual(match.querySelector('a')?.getAttribute('href'), `/chat/${conversation.id}`, 'link to the chat');
  });
});
