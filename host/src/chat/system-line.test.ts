import type { ChatMessage, ChatSystemLine } from '@flint/shared';
import { assert } from '@flint/test-support';
import { render } from 'lit';
import { renderMessage } from './message-view.ts';

const line = (system: ChatSystemLine): ChatMessage => ({
  id: crypto.randomUUID(),
  conversationId: 'c1',
  senderId: 'ava',
  clientId: `call ${system.sessionId}`,
  body: '',
  seq: 7,
  createdAt: new Date().toISOString(),
  system,
});

function show(message: ChatMessage, locale: 'en' | 'es' = 'en') {
  const host = document.createElement('ol');
  render(renderMessage(locale, { kind: 'confirmed', message, mine: true, status: 'read' }), host);
  return host.querySelector('li')!;
}

describe('chat system lines (dates)', () => {
  it('a missed date is a system line, not a message from either person', () => {
    const li = show(line({ type: 'call-missed', sessionId: 's1', callerId: 'ava' }));
    assert.strictEqual(li.querySelector('.body')!.textContent, 'Missed staged date');
    assert.strictEqual(li.className, 'system', 'not "message mine"/"theirs"');
    assert.strictEqual(li.dataset.system, 'call-missed');
    assert.strictEqual(li.dataset.mine, undefined, 'no sender side');
    assert.strictEqual(li.querySelector('.status'), null, 'no delivery status');
  });

  it('an ended date says the stages reached and how long it lasted, in the reader language', () => {
    const ended = line({ type: 'call-ended', sessionId: 's2', stagesReached: 2, stages: 3, durationS: 245, reason: 'hung-up' });
    assert.strictEqual(show(ended).querySelector('.body')!.textContent, 'Staged date: stage 2 of 3 · 4 min 05 s');
    assert.strictEqual(show(ended, 'es').querySelector('.body')!.textContent, 'Cita por etapas: etapa 2 de 3 · 4 min 05 s');
    const declined = line({ type: 'call-ended', sessionId: 's3', stagesReached: 0, stages: 3, durationS: 0, reason: 'declined' });
    assert.strictEqual(show(declined).querySelector('.body')!.textContent, 'Staged date declined');
    assert.strictEqual(
      show(line({ type: 'call-missed', sessionId: 's4', callerId: 'a' }), 'es').querySelector('.body')!.textContent,
      'Cita por etapas perdida',
    );
  });
});
