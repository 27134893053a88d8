import { io } from 'socket.io-client';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import './chat-list-page.ts';
import type { ConversationSummary } from '@flint/shared';
import { assert, freshUser, matchedPair, api as serverApi, serverUrl, until } from '@flint/test-support';
import { LocalChat } from '../chat/local/local-chat.ts';
import { cleanup, mount, shadow, signInWith } from './test-support.ts';

/** A conversation the server does not have: only the device's copy can show it. */
const ghost = (id: string): ConversationSummary => ({
  id,
  matchId: crypto.randomUUID(),
  other: { id: crypto.randomUUID(), username: 'ghost', displayName: 'Ghost', bio: '', age: null, role: 'user' },
  lastMessage: null,
  unread: 2,
});

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

  it('shows the list stored on this device when the server gives no answer', async () => {
    const { a } = await matchedPair('devicelist');
    await new LocalChat(a.id).replaceConversations([ghost(crypto.randomUUID())]);
    // The server refuses this token: no answer will replace the device's list.
    signInWith({ ...a, token: 'not-a-valid-token' });
    const el = await mount('flint-chat-list-page', { realtime: null });
    const row = await until(() => shadow(el).querySelector<HTMLElement>('li[data-user=ghost]'), 'the stored row');
    assert.strictEqual(row.querySelector('.unread')?.textContent, '2 unread', 'its unread count');
    assert.strictEqual(shadow(el).querySelector('[role=alert]'), null, 'no error while there is a list to show');
    const mark = performance.getEntriesByName('flint-chat-list').at(-1) as PerformanceMark;
    assert.strictEqual((mark.detail as { source: string }).source, 'device', 'marked as rendered from the device');
  });

  it("replaces the device's list with the server's, and stores it", async () => {
    const { a, b, conversationId } = await matchedPair('serverlist');
    await new LocalChat(a.id).replaceConversations([ghost(crypto.randomUUID())]);
    signInWith(a);
    const el = await mount('flint-chat-list-page', { realtime });
    await until(
      () => shadow(el).querySelector(`li[data-user=${b.username}]`) && !shadow(el).querySelector('li[data-user=ghost]'),
      "the server's list",
    );
    await until(async () => (await new LocalChat(a.id).conversations()).map((c) => c.id).join() === conversationId, 'the stored list');
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
