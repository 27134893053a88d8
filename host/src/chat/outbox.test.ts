import { assert } from '@flint/test-support';
import { deleteDB } from 'idb';
import { type Outbox, openOutbox } from './outbox.ts';

const DB = 'flint-chat-outbox-test';
const entry = (userId: string, conversationId: string, body: string) => ({
  clientId: crypto.randomUUID(),
  userId,
  conversationId,
  body,
  createdAt: new Date().toISOString(),
});
const bodies = (entries: Array<{ body: string }>) => entries.map((e) => e.body).join(',');

describe('chat outbox (IndexedDB)', () => {
  let outbox: Outbox | undefined;
  beforeEach(() => deleteDB(DB));
  afterEach(() => outbox?.close());

  it('keeps entries across closing and reopening the database, in write order', async () => {
    outbox = await openOutbox(DB);
    for (const body of ['one', 'two', 'three']) await outbox.add(entry('ava', 'c1', body));
    outbox.close();
    outbox = await openOutbox(DB);
    assert.strictEqual(bodies(await outbox.list('ava')), 'one,two,three', 'entries after reopening');
  });

  it('keeps write order across conversations, and filters by user and conversation', async () => {
    outbox = await openOutbox(DB);
    await outbox.add(entry('ava', 'c1', 'a1'));
    await outbox.add(entry('ben', 'c1', 'b1'));
    await outbox.add(entry('ava', 'c2', 'a2'));
    await outbox.add(entry('ava', 'c1', 'a3'));
    assert.strictEqual(bodies(await outbox.list('ava')), 'a1,a2,a3', "ava's entries");
    assert.strictEqual(bodies(await outbox.list('ava', 'c1')), 'a1,a3', "ava's entries in c1");
    assert.strictEqual(bodies(await outbox.list('ben')), 'b1', "ben's entries");
  });

  it('removes an entry by clientId, and refuses a second entry with the same clientId', async () => {
    outbox = await openOutbox(DB);
    const first = await outbox.add(entry('ava', 'c1', 'first'));
    await outbox.add(entry('ava', 'c1', 'second'));
    let duplicate = 'accepted';
    await outbox.add({ ...entry('ava', 'c1', 'again'), clientId: first.clientId }).catch((err: DOMException) => (duplicate = err.name));
    assert.strictEqual(duplicate, 'ConstraintError', 'a duplicate clientId');
    await outbox.remove(first.clientId);
    await outbox.remove('no-such-client-id');
    assert.strictEqual(bodies(await outbox.list('ava')), 'second', 'entries after removing the first');
  });
});
