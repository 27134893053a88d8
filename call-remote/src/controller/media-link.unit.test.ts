import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CallSnapshot, initialSnapshot, transition } from '../fsm/index.ts';
import { linkEvent } from './media-link.ts';

describe('linkEvent', () => {
  it('maps a loss and a recovery, and leaves a link still connecting alone', () => {
    assert.deepEqual(linkEvent('connected'), { type: 'MEDIA_CONNECTED' });
    assert.deepEqual(linkEvent('lost'), { type: 'MEDIA_LOST' });
    assert.deepEqual(linkEvent('failed'), { type: 'MEDIA_LOST' });
    assert.equal(linkEvent('connecting'), null);
    assert.deepEqual(linkEvent('unreachable'), { type: 'MEDIA_FAILED' });
  });

  it('a stalled stage (the engine reports failed) shows RECONNECTING, and is back once connected', () => {
    const active: CallSnapshot = {
      state: 'STAGE_ACTIVE',
      context: { ...initialSnapshot.context, sessionId: 's', stage: 1, endsAt: '2030-01-01T00:00:00.000Z' },
    };
    const lost = transition(active, linkEvent('failed')!);
    assert.equal(lost.state, 'RECONNECTING');
    const back = transition({ state: lost.state, context: lost.context }, linkEvent('connected')!);
    assert.equal(back.state, 'STAGE_ACTIVE');
  });
});
