import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ev, view } from './test-fixtures.ts';
import { play } from './test-play.ts';

describe('a page that opens while a call is ringing for it', () => {
  it('rings from the resume view, and accepting then runs the first stage gate', () => {
    // The invite went out before this tab's socket joined; call:resume is how it learns of the call.
    const ringing = view({ state: 'ringing', role: 'callee', endsAt: null, prepare: undefined });
    const r = play([{ type: 'SOCKET_UP' }, { type: 'RESUMED', view: ringing }, { type: 'ACCEPT' }, ev.prepare(1)]);
    assert.deepEqual(r.states, ['RINGING', 'CONNECTING', 'CHECKING_DEVICES']);
    assert.ok(
      r.effects.some((e) => e.type === 'runGate'),
      'the gate runs for stage 1',
    );
    assert.equal(r.snap.context.stage, 1);
  });
});
