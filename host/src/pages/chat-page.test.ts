import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { api } from '../api/api.ts';
import { button, cleanup, mount, shadow, signInWith } from './test-support.ts';
import './chat-page.ts';
import { assert, freshUser, matchedPair, until } from '@flint/test-support';
import type { FlintStartCallEvent } from './start-call-event.ts';

describe('flint-chat-page', () => {
  afterEach(cleanup);

  it('shows the other person and fires flint-start-call with the match, out of the shadow root', async () => {
    const { a, conversationId } = await matchedPair('header');
    signInWith(a);
    const conversation = (await api.conversations()).find((c) => c.id === conversationId)!;
    const el = await mount('flint-chat-page', { conversationId: conversation.id, realtime });
    const heading = await until(() => shadow(el).querySelector('h1'), 'the header');
    assert.strictEqual(heading.textContent, conversation.other.displayName, 'heading');

    const fired = new Promise<FlintStartCallEvent>((resolve) =>
      document.addEventListener('flint-start-call', (e) => resolve(e as FlintStartCallEvent), { once: true }),
    );
    button(shadow(el), 'Start staged call').click();
    const event = await fired;
    assert.strictEqual(event.detail.matchId, conversation.matchId, 'matchId');
    assert.strictEqual(event.detail.conversationId, conversation.id, 'conversationId');
  });

  it('says so when the conversation is not the user’s', async () => {
    const { conversationId } = await matchedPair('others');
    signInWith(await freshUser('outsider'));
    const el = await mount('flint-chat-page', { conversationId, realtime });
    await until(() => shadow(el).querySelector('h1')?.textContent === 'Conversation not found', 'not found');
    assert.strictEqual(shadow(el).querySelector('button'), null, 'no call button');
  });
});
