import { cleanup, mount, shadow, signInAs } from './test-support.ts';
import './home-page.ts';
import { assert } from '@flint/test-support';

describe('flint-home-page', () => {
  afterEach(cleanup);

  it('greets the signed-in user and links to swipe, chats and live', async () => {
    const { user } = await signInAs('ava');
    const el = await mount('flint-home-page');
    assert.strictEqual(shadow(el).querySelector('h1')?.textContent, `Hi, ${user.displayName}!`, 'greeting');
    const links = [...shadow(el).querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    assert.strictEqual(
      JSON.stringify(links),
      JSON.stringify([
        ['Swipe', '/swipe'],
        ['Chats', '/chat'],
        ['Live', '/live'],
      ]),
      'links',
    );
  });

  it('speaks Spanish under /es', async () => {
    await signInAs('ben');
    const el = await mount('flint-home-page', { locale: 'es' });
    assert.strictEqual(shadow(el).querySelector('a')?.getAttribute('href'), '/es/swipe', 'localised link');
    assert.strictEqual(shadow(el).querySelector('h1')?.textContent?.startsWith('¡Hola'), true, 'greeting');
  });
});
