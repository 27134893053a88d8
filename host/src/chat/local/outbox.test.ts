import { assert } from '@flint/test-support';
import { deleteDB } from 'idb';
import { openOutbox } from './outbox.ts';

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
  beforeEach(() => deleteDB(DB));

  it('keeps entries across reopening the database, in write order', async () => {
    const outbox = openOutbox(DB);
    for (const body of ['one', 'two', 'three']) await outbox.add(entry('ava', 'c1', body));
    // Another tab deleting or upgrading would close this connection; a fresh one reads the same entries.
    assert.strictEqual(bodies(await openOutbox(DB).list('ava')), 'one,two,three', 'entries after reopening');
  });

  it('keeps write order across conversations, and filters by user and conversation', async () => {
    const outbox = openOutbox(DB);
    await outbox.add(entry('ava', 'c1', 'a1'));
    await outbox.add(entry('ben', 'c1', 'b1'));
    await outbox.add(entry('ava', 'c2', 'a2'));
    await outbox.add(entry('ava', 'c1', 'a3'));
    assert.strictEqual(bodies(await outbox.list('ava')), 'a1,a2,a3', "ava's entries");
    assert.strictEqual(bodies(await outbox.list('ava', 'c1')), 'a1,a3', "ava's entries in c1");
    assert.strictEqual(bodies(await outbox.list('ben')), 'b1', "ben's entries");
  });

  it('removes an entry by clientId, and refuses a second entry with the same clientId', async () => {
    const outbox = openOutbox(DB);
    const first = await outbox.add(entry('ava', 'c1', 'first'));
    await outbox.add(entry('ava', 'c1', 'second'));
    let duplicate = 'accepted';
    await outbox.add({ ...entry('ava', 'c1', 'again'), clientId: first.clientId }).catch((err: DOMException) => (duplicate = err.name));
    assert.strictEqual(duplicate, 'ConstraintError', 'a duplicate clientId');
    await outbox.remove(first.clientId);
    await outbox.remove('no-such-client-id');
    assert.strictEqual(bodies(await outbox.list('ava')), 'second', 'entries after removing the first');
  });

  it('keeps a refused entry with its reason, and puts it back in line, in its place, once edited', async () => {
    const outbox = openOutbox(DB);
    const refused = await outbox.add(entry('ava', 'c1', 'x'.repeat(10)));
    await outbox.add(entry('ava', 'c1', 'later'));
    await outbox.fail(refused.clientId, { code: 'invalid-payload', message: 'body: message is too long' });
    const [failed] = await openOutbox(DB).list('ava');
    assert.deepEqual(failed?.error, { code: 'invalid-payload', message: 'body: message is too long' }, 'the reason is stored');
    await outbox.retry(refused.clientId, 'shorter');
    const [edited, later] = await outbox.list('ava');
    assert.strictEqual(edited?.body, 'shorter', 'the edited body');
    assert.strictEqual(edited?.error, undefined, 'no longer refused');
    assert.strictEqual(edited?.order, refused.order, 'same place in write order');
    assert.strictEqual(later?.body, 'later');
  });
});
