import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { api } from '../api/api.ts';
import './chat-list-page.ts';
import { assertEqual, cleanup, mount, shadow, signInAs, waitFor } from './test-support.ts';

describe('flint-chat-list-page', () => {
  afterEach(cleanup);

  it('renders a presence dot per row from $presence, with label and data attributes', async () => {
    await signInAs('ava');
    const el = await mount('flint-chat-list-page', { realtime });
    const row = await waitFor(() => shadow(el).querySelector<HTMLElement>('li[data-user=ben]'), "ben's row");
    const dot = () => row.querySelector<HTMLElement>('[data-presence]')!;
    const ben = (await api.conversations()).find((c) => c.other.username === 'ben')!;

    realtime.$presence.setKey(ben.other.id, false);
    await el.updateComplete;
    assertEqual(dot().dataset.presence, 'offline', 'dot while offline');
    assertEqual(dot().getAttribute('aria-label'), 'offline', 'label while offline');

    realtime.$presence.setKey(ben.other.id, true);
    await el.updateComplete;
    assertEqual(dot().dataset.presence, 'online', 'dot once online');
    assertEqual(dot().getAttribute('aria-label'), 'online', 'label once online');
    assertEqual(row.querySelector('a')?.getAttribute('href'), `/chat/${ben.id}`, 'link to the conversation');
  });

  it('localises the link and the presence label', async () => {
    await signInAs('ben');
    const el = await mount('flint-chat-list-page', { realtime, locale: 'es' });
    const row = await waitFor(() => shadow(el).querySelector<HTMLElement>('li[data-user=ava]'), "ava's row");
    assertEqual(row.querySelector('a')?.getAttribute('href')?.startsWith('/es/chat/'), true, 'localised link');
    assertEqual(row.querySelector('[data-presence]')?.getAttribute('aria-label'), 'desconectado', 'localised label');
  });
});
