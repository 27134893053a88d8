import type { ChatMessage } from '@flint/shared';
import { assert } from '@flint/test-support';
import * as tl from './timeline.ts';

const msg = (seq: number, senderId: string, clientId = `${senderId}-${seq}`): ChatMessage => ({
  id: `id-${seq}`,
  conversationId: 'c1',
  senderId,
  clientId,
  body: `m${seq}`,
  seq,
  createdAt: new Date(0).toISOString(),
});
const seqs = (t: tl.Timeline) => t.messages.map((m) => m.seq).join(',');

describe('chat timeline', () => {
  it('shows each message once, in seq order, whatever order pages, syncs and live events arrive in', () => {
    let t = tl.emptyTimeline('ava');
    t = tl.addMessages(t, [msg(3, 'ben'), msg(4, 'ava')]);
    t = tl.addMessages(t, [msg(1, 'ava'), msg(2, 'ben'), msg(3, 'ben')]);
    t = tl.addMessages(t, [msg(4, 'ava'), msg(5, 'ben')]);
    assert.strictEqual(seqs(t), '1,2,3,4,5', 'seqs');
    assert.strictEqual(tl.lastSeq(t), 5, 'sync cursor');
    assert.strictEqual(tl.lastIncomingSeq(t), 5, 'newest incoming');
  });

  it('replaces a pending message by its confirmation (same clientId), once, whichever comes first', () => {
    let t = tl.addPending(tl.emptyTimeline('ava'), [
      { clientId: 'k1', body: 'hi', createdAt: '' },
      { clientId: 'k2', body: 'yo', createdAt: '' },
    ]);
    t = tl.addMessages(t, [msg(1, 'ava', 'k1')]);
    assert.strictEqual(t.pending.map((p) => p.clientId).join(','), 'k2', 'pending after the first ack');
    t = tl.addPending(t, [{ clientId: 'k1', body: 'hi', createdAt: '' }]);
    assert.strictEqual(t.pending.length, 1, 'a late outbox read does not resurrect a confirmed message');
    t = tl.addMessages(t, [msg(2, 'ben', 'k2')]);
    assert.strictEqual(t.pending.length, 1, "another member's clientId never confirms mine");
  });

  it("derives statuses from the other member's receipts, which only move forward; a read is a delivery", () => {
    let t = tl.addMessages(tl.emptyTimeline('ava'), [msg(1, 'ava'), msg(2, 'ava'), msg(3, 'ava')]);
    const statuses = () => t.messages.map((m) => tl.statusOf(t, m)).join(',');
    assert.strictEqual(statuses(), 'sent,sent,sent', 'before receipts');
    t = tl.advanceReceipts(t, 'delivered', 2);
    assert.strictEqual(statuses(), 'delivered,delivered,sent', 'after delivered 2');
    t = tl.advanceReceipts(t, 'read', 1);
    t = tl.advanceReceipts(t, 'delivered', 1);
    assert.strictEqual(statuses(), 'read,delivered,sent', 'after read 1 and a stale delivered');
    t = tl.mergeReceipts(t, { read: 3, delivered: 0 });
    assert.strictEqual(statuses(), 'read,read,read', 'after read 3');
    assert.strictEqual(t.receipts.delivered, 3, 'read implies delivered');
  });

  it('a pending message follows the outbox: refused with its reason, edited back in line, deleted', () => {
    let t = tl.addPending(tl.emptyTimeline('ava'), [{ clientId: 'k1', body: 'too long', createdAt: '' }]);
    const error = { code: 'invalid-payload' as const, message: 'body: message is too long' };
    t = tl.putPending(t, { clientId: 'k1', body: 'too long', createdAt: '', error });
    assert.deepEqual(t.pending[0]?.error, error, 'refused');
    t = tl.putPending(t, { clientId: 'k1', body: 'short', createdAt: '' });
    assert.deepEqual(t.pending, [{ clientId: 'k1', body: 'short', createdAt: '' }], 'edited: one entry, no reason');
    t = tl.putPending(t, { clientId: 'k2', body: 'next', createdAt: '' });
    assert.strictEqual(t.pending.map((p) => p.clientId).join(','), 'k1,k2', 'a new one goes last');
    t = tl.removePending(t, 'k1');
    assert.strictEqual(t.pending.map((p) => p.clientId).join(','), 'k2', 'deleted');
  });

  it('knows older messages exist when the first one on screen is not seq 1', () => {
    assert.strictEqual(tl.hasOlder(tl.emptyTimeline('ava')), false, 'nothing loaded');
    assert.strictEqual(tl.hasOlder(tl.addMessages(tl.emptyTimeline('ava'), [msg(1, 'ben')])), false, 'from the start');
    assert.strictEqual(tl.hasOlder(tl.addMessages(tl.emptyTimeline('ava'), [msg(7, 'ben')])), true, 'from seq 7');
  });
});
