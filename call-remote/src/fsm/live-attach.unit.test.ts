/**
 * `startSession(id, 'live')` attaches to the live pairing `id` (the server's view decides where to
 * join); it never sends call:request, so it can never ring anyone or make a staged session.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialSnapshot } from './context.ts';
import { MATCH, prepare, S, view } from './test-fixtures.ts';
import { transition } from './transition.ts';

const attach = transition(initialSnapshot, { type: 'START', matchId: S, kind: 'live' });
const types = (effects: readonly { type: string }[]) => effects.map((e) => e.type);

describe('startSession(id, "live")', () => {
  it('asks the server for that live pairing instead of calling anyone', () => {
    assert.equal(attach.state, 'DIALING');
    assert.equal(attach.context.kind, 'live');
    assert.equal(attach.context.sessionId, S);
    assert.deepEqual(
      attach.effects.filter((e) => e.type === 'resume' || e.type === 'send'),
      [{ type: 'resume', sessionId: S }],
    );
  });

  it('joins the pairing as the server sees it: its gate for stage 1', () => {
    const live = view({ kind: 'live', state: 'preparing', stages: 1, media: 'video', endsAt: null, prepare: { ...prepare(1), stages: 1 } });
    const joined = transition(attach, { type: 'RESUMED', view: live });
    assert.equal(joined.state, 'CHECKING_DEVICES');
    assert.equal(joined.context.kind, 'live');
    assert.equal(joined.context.peer?.displayName, 'Ben');
    assert.ok(types(joined.effects).includes('runGate'));
  });

  it('fails clearly when there is no such live date (none, ended, or a staged one), emitting no ended event', () => {
    for (const answer of [null, view({ kind: 'live', state: 'ended' }), view({ kind: 'staged' })]) {
      const failed = transition(attach, { type: 'RESUMED', view: answer });
      assert.equal(failed.state, 'FAILED');
      assert.equal(failed.context.error?.code, 'not-found');
      assert.equal(failed.context.sessionId, null);
      assert.ok(!types(failed.effects).includes('emitEnded'));
    }
  });

  it('a staged start still calls the match', () => {
    const staged = transition(initialSnapshot, { type: 'START', matchId: MATCH, kind: 'staged' });
    assert.deepEqual(
      staged.effects.filter((e) => e.type === 'send'),
      [{ type: 'send', event: 'call:request', payload: { matchId: MATCH } }],
    );
  });
});
