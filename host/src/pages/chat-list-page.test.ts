import { io } from 'socket.io-client';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import './chat-list-page.ts';
import { assert, freshUser, matchedPair, api as serverApi, serverUrl, until } from '@flint/test-support';
import { cleanup, mount, shadow, signInWith } from './test-support.ts';

describe('flint-chat-list-page', () => {
  afterEach(cleanup);

  it('renders a presence dot per row from $presence, with label and data attributes', async () => {
    const { a, b, conversationId } = await matchedPair('list');
    signInWith(a);
    const el = await mount('flint-chat-list-page', { realtime });
    const row = await until(() => shadow(el).querySelector<HTMLElement>(`li[data-user=${b.username}]`), "the match's row");
    const dot = () => row.querySelector<HTMLElement>('[data-presence]')!;

    realtime.$presence.setKey(b.id, false);
    await el.updateComplete;
    assert.strictEqual(dot().dataset.presence, 'offline', 'dot while offline');
    assert.strictEqual(dot().getAttribute('aria-label'), 'offline', 'label while offline');

    realtime.$presence.setKey(b.id, true);
    await el.updateComplete;
    assert.strictEqual(dot().dataset.presence, 'online', 'dot once online');
    assert.strictEqual(dot().getAttribute('aria-label'), 'online', 'label once online');
    assert.strictEqual(row.querySelector('a')?.getAttribute('href'), `/chat/${conversationId}`, 'link to the conversation');
  });

  it('localises the link and the presence label', async () => {
    const { a, b } = await matchedPair('lista');
    signInWith(b);
    const el = await mount('flint-chat-list-page', { realtime, locale: 'es' });
    const row = await until(() => shadow(el).querySelector<HTMLElement>(`li[data-user=${a.username}]`), "the match's row");
    assert.strictEqual(row.querySelector('a')?.getAttribute('href')?.startsWith('/es/chat/'), true, 'localised link');
    assert.strictEqual(row.querySelector('[data-presence]')?.getAttribute('aria-label'), 'desconectado', 'localised label');
  });

  it('refreshes when the server notifies a new match', async () => {
    const { a } = await matchedPair('notify');
    signInWith(a);
    realtime.configure({ token: a.token });
    realtime.connect();
    try {
      const el = await mount('flint-chat-list-page', { realtime });
      await until(() => shadow(el).querySelectorAll('li').length === 1, 'the first conversation');
      await until(() => realtime.$connection.get().status === 'connected', 'the socket');
      const newcomer = await freshUser('newcomer');
      await serverApi('POST', '/api/swipes', { token: a.token, body: { targetId: newcomer.id, like: true } });
      await serverApi('POST', '/api/swipes', { token: newcomer.token, body: { targetId: a.id, like: true } });
      await until(() => shadow(el).querySelector(`li[data-user=${newcomer.username}]`), 'the new conversation');
    } finally {
      realtime.disconnect();
    }
  });

  it('follows new messages live: preview and unread count change without a reload', async () => {
    const { a, b, conversationId } = await matchedPair('livelist');
    signInWith(a);
    realtime.configure({ token: a.token });
    realtime.connect();
    const peer = io(await serverUrl(), { auth: { token: b.token }, transports: ['websocket'], forceNew: true });
    try {
      const el = await mount('flint-chat-list-page', { realtime });
      await until(() => shadow(el).querySelector(`li[data-user=${b.username}]`), 'the row');
      await until(() => realtime.$connection.value?.status === 'connected' && peer.connected, 'both sockets');
      const ack = await peer.timeout(5000).emitWithAck('chat:send', { conversationId, clientId: 'live-list-0001', body: 'hello from b' });
      assert.strictEqual(ack.ok, true, 'the message was accepted');
      const rowOfB = () => shadow(el).querySelector<HTMLElement>(`li[data-user=${b.username}]`);
      await until(() => rowOfB()?.textContent?.includes('hello from b'), 'the new preview');
      assert.strictEqual(rowOfB()?.querySelector('.unread')?.textContent?.trim().startsWith('1'), true, 'one unread');
    } finally {
      peer.disconnect();
      realtime.disconnect();
    }
  });
});
