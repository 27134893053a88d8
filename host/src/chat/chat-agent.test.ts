import { assert, matchedPair, until } from '@flint/test-support';
import * as realtime from '../../../realtime-remote/src/socket-store.ts';
import { type ChatAgentEvent, holdChatAgent } from './chat-agent.ts';

describe('chat agent', () => {
  afterEach(() => {
    // Back to the prototype's getter.
    delete (navigator as { onLine?: boolean }).onLine;
    realtime.disconnect();
  });

  it('sends the outbox over a connected socket even when the browser guesses it is offline', async () => {
    // Chromium on Linux reports offline when only loopback is up, though a server there answers.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    const { a, conversationId } = await matchedPair('agent');
    realtime.configure({ token: a.token });
    realtime.connect();
    await until(() => realtime.$connection.get().status === 'connected', 'the socket');
    const { agent, release } = holdChatAgent(a.id, realtime);
    try {
      const events: ChatAgentEvent[] = [];
      agent.on((event) => events.push(event));
      await agent.send(conversationId, 'sent while navigator.onLine is false');
      const sent = await until(() => events.find((e) => e.type === 'sent'), 'the server ack', 10_000);
      assert.strictEqual(sent.type === 'sent' && sent.message.seq, 1, 'the message got the first seq');
      assert.strictEqual((await agent.pending(conversationId)).length, 0, 'entries left in the outbox');
    } finally {
      release();
    }
  });
});
