import { type ChatMessage, MAX_CHAT_BODY } from '@flint/shared';
import { assert, matchedPair, serverUrl, sleep, until } from '@flint/test-support';
import { io } from 'socket.io-client';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { cleanup, mount, shadow, signInWith, type } from '../pages/test-support.ts';
import { LocalChat } from './local/local-chat.ts';
import { openOutbox } from './local/outbox.ts';
import './flint-conversation.ts';

const items = (el: HTMLElement) => [...shadow(el).querySelectorAll<HTMLElement>('li.message')];
const item = (el: HTMLElement, body: string) => items(el).find((li) => li.querySelector('.body')?.textContent === body);
const composer = (el: HTMLElement) => shadow(shadow(el).querySelector('flint-composer')!);

describe('flint-conversation', () => {
  afterEach(() => {
    cleanup();
    realtime.disconnect();
  });

  it('shows what the device stored with no realtime module at all, takes messages into the outbox, and sends them once connected', async () => {
    const { a, b, conversationId } = await matchedPair('device');
    signInWith(a);
    const stored: ChatMessage[] = [1, 2, 3].map((seq) => ({
      id: crypto.randomUUID(),
      conversationId,
      senderId: b.id,
      clientId: `stored-${seq}-${crypto.randomUUID()}`,
      body: `stored ${seq}`,
      seq,
      createdAt: new Date().toISOString(),
    }));
    await new LocalChat(a.id).storeMessages(conversationId, stored);
    const el = await mount('flint-conversation', { conversationId, realtime: null });
    await until(() => items(el).length === 3, 'the stored messages');
    assert.deepEqual(
      items(el).map((li) => li.querySelector('.body')?.textContent),
      ['stored 1', 'stored 2', 'stored 3'],
    );

    const field = composer(el).querySelector('textarea')!;
    type(field, 'written without a connection');
    composer(el).querySelector('form')!.requestSubmit();
    const pending = await until(() => item(el, 'written without a connection'), 'the pending message');
    assert.strictEqual(pending.dataset.status, 'pending');
    assert.strictEqual((await openOutbox().list(a.id, conversationId)).length, 1, 'kept in the outbox');

    const peer = io(await serverUrl(), { auth: { token: b.token }, transports: ['websocket'], forceNew: true });
    const received: ChatMessage[] = [];
    peer.on('chat:message', (m: ChatMessage) => received.push(m));
    try {
      await until(() => peer.connected, 'the peer');
      realtime.configure({ token: a.token });
      realtime.connect();
      el.realtime = realtime;
      await until(() => /sent|delivered|read/.test(item(el, 'written without a connection')?.dataset.status ?? ''), 'sent', 10_000);
      await until(() => received.length === 1, 'the peer got it');
      assert.strictEqual(received[0]?.body, 'written without a connection');
    } finally {
      peer.disconnect();
    }
  });

  it('left with older messages to load (and nobody to give them), it stops: no endless paging after it is gone', async () => {
    const { a, b, conversationId } = await matchedPair('older');
    signInWith(a);
    // The device has only seqs 51..60: older ones exist, and with no realtime module nobody can give them.
    const stored: ChatMessage[] = Array.from({ length: 10 }, (_, i) => ({
      id: crypto.randomUUID(),
      conversationId,
      senderId: b.id,
      clientId: `older-${i}-${crypto.randomUUID()}`,
      body: `late ${51 + i}`,
      seq: 51 + i,
      createdAt: new Date().toISOString(),
    }));
    await new LocalChat(a.id).storeMessages(conversationId, stored);
    const el = await mount('flint-conversation', { conversationId, realtime: null });
    await until(() => items(el).length === 10, 'the stored messages');
    // Signing out leaves the page this way: the element goes, with an update still to come. A detached
    // list measures 0 × 0 ("room for more"), and asking for an older page that cannot come, again
    // after every update, never yielded to the browser: the tab froze.
    el.remove();
    el.requestUpdate();
    await sleep(300);
    assert.strictEqual(items(el).length, 0, 'nothing shown once closed');
  });

  it('a message refused for good shows why, and can be edited and sent again, or deleted', async () => {
    const { a, b, conversationId } = await matchedPair('refused');
    signInWith(a);
    const outbox = openOutbox();
    const tooLong = 'y'.repeat(MAX_CHAT_BODY + 5);
    const entry = (body: string) => ({
      clientId: crypto.randomUUID(),
      userId: a.id,
      conversationId,
      body,
      createdAt: new Date().toISOString(),
    });
    // Written by an older client without the composer's limit: the server is the one to refuse them.
    await outbox.add(entry(tooLong));
    await outbox.add(entry(`z${tooLong}`));
    const peer = io(await serverUrl(), { auth: { token: b.token }, transports: ['websocket'], forceNew: true });
    const received: string[] = [];
    peer.on('chat:message', (m: ChatMessage) => received.push(m.body));
    try {
      realtime.configure({ token: a.token });
      realtime.connect();
      const el = await mount('flint-conversation', { conversationId, realtime });
      const failed = await until(
        () => items(el).filter((li) => li.dataset.status === 'failed').length === 2 && item(el, tooLong),
        'both refused',
        10_000,
      );
      assert.match(failed.querySelector('.status')?.textContent ?? '', /^Not sent: the server refused it \(.*too long.*\)$/);
      assert.strictEqual((await outbox.list(a.id)).length, 2, 'refused messages stay in the outbox');

      [...failed.querySelectorAll('button')].find((x) => x.textContent === 'Edit')!.click();
      await el.updateComplete;
      const editor = shadow(failed.querySelector('flint-composer')!);
      assert.strictEqual(editor.querySelector('label')?.textContent, 'Edit your message');
      const field = editor.querySelector('textarea')!;
      assert.strictEqual(field.value, tooLong, 'the text to edit');
      type(field, 'shorter now');
      editor.querySelector('form')!.requestSubmit();
      await until(() => /sent|delivered|read/.test(item(el, 'shorter now')?.dataset.status ?? ''), 'sent again', 10_000);
      await until(() => received.includes('shorter now'), 'the peer got the edited message');

      const other = item(el, `z${tooLong}`)!;
      [...other.querySelectorAll('button')].find((x) => x.textContent === 'Delete')!.click();
      await until(() => !item(el, `z${tooLong}`), 'deleted from the view');
      assert.deepEqual(await outbox.list(a.id), [], 'and from the outbox');
      assert.deepEqual(received, ['shorter now'], 'nothing else ever reached the peer');
    } finally {
      peer.disconnect();
    }
  });
});
