import type { ChatMessage } from '@flint/shared';
import { assert } from '@flint/test-support';
import { render } from 'lit';
import { type MessageItem, renderMessage } from './message-view.ts';

const message = (seq: number): ChatMessage => ({
  id: crypto.randomUUID(),
  conversationId: 'c1',
  senderId: 'ava',
  clientId: crypto.randomUUID(),
  body: `hello ${seq}`,
  seq,
  createdAt: new Date().toISOString(),
});

function show(item: MessageItem, locale: 'en' | 'es' = 'en') {
  const host = document.createElement('ol');
  render(renderMessage(locale, item), host);
  const li = host.querySelector('li')!;
  return { status: li.dataset.status, mine: li.dataset.mine, text: li.querySelector('.status')?.textContent ?? null };
}

describe('chat message status rendering', () => {
  it('shows each status of an own message as text and data-status', () => {
    const cases = [
      ['sent', 'Sent'],
      ['delivered', 'Delivered'],
      ['read', 'Read'],
    ] as const;
    for (const [status, text] of cases) {
      const shown = show({ kind: 'confirmed', message: message(1), mine: true, status });
      assert.strictEqual(shown.status, status, `data-status for ${status}`);
      assert.strictEqual(shown.text, text, `text for ${status}`);
      assert.strictEqual(shown.mine, 'true', 'data-mine');
    }
  });

  it('shows a pending message as sending, and a refused one with the reason', () => {
    const pending = { clientId: 'x', body: 'hi', createdAt: new Date().toISOString() };
    assert.strictEqual(show({ kind: 'pending', pending }).status, 'pending', 'pending data-status');
    assert.strictEqual(show({ kind: 'pending', pending }).text, 'Sending…', 'pending text');
    const failed = show({
      kind: 'pending',
      pending: { ...pending, error: { code: 'invalid-payload', message: 'body: message is too long' } },
    });
    assert.strictEqual(failed.status, 'failed', 'failed data-status');
    assert.strictEqual(failed.text, 'Not sent: the server refused it (body: message is too long)', 'failed text');
  });

  it("shows no status on the other member's messages, and localises statuses", () => {
    const theirs = show({ kind: 'confirmed', message: message(2), mine: false, status: 'read' });
    assert.strictEqual(theirs.status, 'received', 'data-status of a received message');
    assert.strictEqual(theirs.text, null, 'no status text on a received message');
    assert.strictEqual(
      show({ kind: 'confirmed', message: message(3), mine: true, status: 'delivered' }, 'es').text,
      'Entregado',
      'es text',
    );
  });
});
