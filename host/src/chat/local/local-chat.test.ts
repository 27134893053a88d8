import type { ChatMessage, ConversationSummary } from '@flint/shared';
import { assert } from '@flint/test-support';
import { deleteDB } from 'idb';
import { chatDb, forgetUser, remember } from './chat-db.ts';
import { evictOldest, LocalChat, MAX_STORED_MESSAGES, SignedOutError } from './local-chat.ts';
import { openOutbox } from './outbox.ts';
import { message, range } from './test-messages.ts';

const DB = 'flint-chat-local-test';

const summary = (id: string, last: ChatMessage | null = null, unread = 0): ConversationSummary => ({
  id,
  matchId: `match-${id}`,
  other: { id: `other-${id}`, username: `u${id}`, displayName: `User ${id}`, bio: '', age: null, role: 'user' },
  lastMessage: last,
  unread,
});
const seqs = (messages: ChatMessage[]) => messages.map((m) => m.seq);

describe('local chat store (IndexedDB)', () => {
  beforeEach(async () => {
    remember('ava');
    await deleteDB(DB);
  });

  it('renders a conversation from the device: the newest page, its cursor and receipts, after reopening', async () => {
    const ava = new LocalChat('ava', DB);
    assert.strictEqual((await ava.open('c1', 50)).cursor, undefined, 'nothing stored yet');
    assert.strictEqual(await ava.storeMessages('c1', range('c1', 1, 120)), 120, 'cursor after storing 1..120');
    await ava.storeReceipts('c1', { read: 90, delivered: 100 });
    await ava.storeReceipts('c1', { read: 80, delivered: 80 });

    const reopened = await new LocalChat('ava', DB).open('c1', 50);
    assert.deepEqual(
      seqs(reopened.messages),
      range('c1', 71, 120).map((m) => m.seq),
      'the newest 50, oldest first',
    );
    assert.strictEqual(reopened.cursor, 120, 'the cursor survives reopening');
    assert.deepEqual(reopened.receipts, { read: 90, delivered: 100 }, 'receipts only move forward');
    assert.deepEqual(
      seqs(await ava.before('c1', 71, 50)),
      range('c1', 21, 70).map((m) => m.seq),
      'the page before',
    );
  });

  it('moves the cursor only over an unbroken run, so a sync never skips a gap', async () => {
    const ava = new LocalChat('ava', DB);
    await ava.storeMessages('c1', range('c1', 1, 10));
    assert.strictEqual(await ava.storeMessages('c1', [message('c1', 15)]), 10, 'a live message after a gap');
    assert.strictEqual(await ava.storeMessages('c1', range('c1', 11, 14)), 15, 'the gap filled by a sync');
    assert.strictEqual(await ava.storeMessages('c1', range('c1', 1, 15)), 15, 'storing again changes nothing');
  });

  it('keeps at most MAX_STORED_MESSAGES per conversation, the newest', async () => {
    const ava = new LocalChat('ava', DB);
    await ava.storeMessages('c1', range('c1', 1, MAX_STORED_MESSAGES + 40));
    await ava.storeMessages('c2', range('c2', 1, 3));
    const c1 = await ava.open('c1', 10_000);
    assert.strictEqual(c1.messages.length, MAX_STORED_MESSAGES, 'bounded');
    assert.strictEqual(c1.messages[0]?.seq, 41, 'the oldest went');
    assert.strictEqual(c1.cursor, MAX_STORED_MESSAGES + 40, 'the cursor is unaffected');
    assert.strictEqual((await ava.open('c2', 10_000)).messages.length, 3, 'other conversations untouched');
  });

  it("keeps each user's chats apart: another user on the same browser sees none of them", async () => {
    const ava = new LocalChat('ava', DB);
    const ben = new LocalChat('ben', DB);
    await ava.replaceConversations([summary('c1', message('c1', 3)), summary('c2')]);
    await ava.storeMessages('c1', range('c1', 1, 3));
    await ben.replaceConversations([summary('c9')]);
    assert.deepEqual(
      (await ben.conversations()).map((c) => c.id),
      ['c9'],
      "ben's list",
    );
    assert.deepEqual((await ben.open('c1', 50)).messages, [], "ava's messages are not ben's");
    assert.deepEqual(
      (await ava.conversations()).map((c) => c.id),
      ['c1', 'c2'],
      "ava's list, in the server's order",
    );
  });

  it('replaces the list with the server’s: dropped conversations go with their messages; last message and unread follow', async () => {
    const ava = new LocalChat('ava', DB);
    await ava.replaceConversations([summary('c1', null, 2), summary('c2')]);
    await ava.storeMessages('c2', range('c2', 1, 2));
    await ava.storeMessages('c1', [message('c1', 1, 'newest in c1')]);
    await ava.markRead('c1');
    const [c1] = await ava.conversations();
    assert.strictEqual(c1?.lastMessage?.body, 'newest in c1', 'a stored message updates the last message');
    assert.strictEqual(c1?.unread, 0, 'read on this device');
    await ava.replaceConversations([summary('c1')]);
    assert.deepEqual(
      (await ava.conversations()).map((c) => c.id),
      ['c1'],
    );
    assert.deepEqual((await ava.open('c2', 50)).messages, [], 'messages of a dropped conversation');
  });

  it('signing out deletes everything of that user (list, messages, outbox) and refuses later writes; others stay', async () => {
    const ava = new LocalChat('ava', DB);
    const ben = new LocalChat('ben', DB);
    const outbox = openOutbox(DB);
    await ava.replaceConversations([summary('c1')]);
    await ava.storeMessages('c1', range('c1', 1, 5));
    await outbox.add({ clientId: crypto.randomUUID(), userId: 'ava', conversationId: 'c1', body: 'unsent', createdAt: '' });
    await ben.storeMessages('c9', range('c9', 1, 2));

    await forgetUser('ava', DB);
    assert.deepEqual(await ava.conversations(), [], 'list');
    assert.deepEqual((await ava.open('c1', 50)).messages, [], 'messages');
    assert.deepEqual(await outbox.list('ava'), [], 'outbox');
    assert.strictEqual((await ben.open('c9', 50)).messages.length, 2, "ben's messages stay");
    const late = await ava.storeMessages('c1', [message('c1', 6)]).catch((e: unknown) => e);
    assert.instanceOf(late, SignedOutError, 'a sync still in flight cannot bring her data back');
    assert.deepEqual((await ava.open('c1', 50)).messages, [], 'still nothing');
  });

  it('frees room by halving every conversation (oldest first), never touching the outbox', async () => {
    const ava = new LocalChat('ava', DB);
    await ava.storeMessages('c1', range('c1', 1, 100));
    await ava.storeMessages('c2', range('c2', 1, 9));
    await openOutbox(DB).add({ clientId: crypto.randomUUID(), userId: 'ava', conversationId: 'c1', body: 'mine', createdAt: '' });
    assert.strictEqual(await evictOldest(await chatDb(DB)), 50 + 5, 'messages freed');
    const c1 = await ava.open('c1', 1000);
    assert.strictEqual(c1.messages[0]?.seq, 51, 'c1 kept its newest half');
    assert.strictEqual(c1.cursor, 100);
    assert.strictEqual((await ava.open('c2', 1000)).messages[0]?.seq, 6, 'c2 kept its newest half');
    assert.strictEqual((await openOutbox(DB).list('ava')).length, 1, 'the outbox is never evicted');
  });
});
