import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ev, peer, prepare, run } from './test-fixtures.ts';

describe("the caller learns the other person's name from call:prepare", () => {
  it('a caller (who rang a match, not a person) has the peer from the prepare', () => {
    const before = run([ev.start, ev.acked]);
    assert.equal(before.context.peer, null, 'a caller does not know the name before');
    const after = run([{ type: 'PREPARE', prepare: { ...prepare(1), peer } }], before);
    assert.equal(after.state, 'CHECKING_DEVICES');
    assert.deepEqual(after.context.peer, peer);
  });

  it('a prepare without a peer (an older server) keeps what the callee knew from the invite', () => {
    const accepted = run([ev.invited, { type: 'ACCEPT' }, ev.prepare(1)]);
    assert.deepEqual(accepted.context.peer, peer);
  });
});
