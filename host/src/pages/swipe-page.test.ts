import { api } from '../api/api.ts';
import { button, cleanup, deckStartingWith, mount, shadow, signInWith } from './test-support.ts';
import './swipe-page.ts';
import { assert, freshUser, until } from '@flint/test-support';
import type { FlintSwipePage } from './swipe-page.ts';

const cardName = (el: FlintSwipePage) => shadow(el).querySelector('article h2')?.textContent?.trim();
const settled = (el: FlintSwipePage) => shadow(el).querySelector('article') || shadow(el).textContent?.includes('No one new right now');

async function passCard(el: FlintSwipePage): Promise<void> {
  const name = cardName(el);
  button(shadow(el), 'Pass').click();
  await until(() => cardName(el) !== name, 'the next card');
}

describe('flint-swipe-page', () => {
  afterEach(cleanup);

  it('shows one card at a time, records passes and says so when the deck is empty', async () => {
    const [first, second, me] = [await freshUser('deck'), await freshUser('deck'), await freshUser('swiper')];
    signInWith(me);
    await deckStartingWith(first.id);
    const el = await mount('flint-swipe-page');
    await until(() => settled(el), 'the deck');
    const seen: string[] = [];
    for (let name = cardName(el); name; name = cardName(el)) {
      assert.strictEqual(shadow(el).querySelectorAll('article').length, 1, 'cards shown');
      seen.push(name);
      await passCard(el);
    }
    assert.strictEqual(seen.slice(0, 2).join(), [first.displayName, second.displayName].join(), 'cards in deck order');
    assert.ok(shadow(el).textContent?.includes('No one new right now'), 'empty-deck message');
    const deckIds = (await api.deck()).map((u) => u.id);
    assert.ok(!deckIds.includes(first.id) && !deckIds.includes(second.id), 'the server recorded the passes');
  });

  it('announces a mutual like with a link to the new chat', async () => {
    const [liker, me] = [await freshUser('liker'), await freshUser('likee')];
    signInWith(liker);
    await api.swipe({ targetId: me.id, like: true });
    signInWith(me);
    await deckStartingWith(liker.id);
    const el = await mount('flint-swipe-page');
    await until(() => cardName(el) === liker.displayName, "the liker's card");
    button(shadow(el), 'Like').click();
    const match = await until(() => shadow(el).querySelector('.match'), 'the match message');
    assert.ok(match.textContent?.includes(`It's a match with ${liker.displayName}!`), `message: ${match.textContent}`);
    const conversation = (await api.conversations()).find((c) => c.other.id === liker.id);
    assert.ok(conversation, 'the server made a conversation');
    assert.strictEqual(match.querySelector('a')?.getAttribute('href'), `/chat/${conversation.id}`, 'link to the chat');
  });
});
