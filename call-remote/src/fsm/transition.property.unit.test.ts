import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceFailure, EndReason, SessionState } from '@flint/shared';
import fc from 'fast-check';
import { type CallSnapshot, initialSnapshot } from './context.ts';
import { CALL_EVENT_TYPES, type CallEvent } from './events.ts';
import { CALL_STATES, CallState } from './states.ts';
import { at, canonicalEvent, ended, OTHER, peer, prepare, S, view } from './test-fixtures.ts';
import { can, transition } from './transition.ts';

const sessionId = fc.constantFrom(S, OTHER);
const stage = fc.integer({ min: 0, max: 4 });
const reason = fc.constantFrom(...Object.values(EndReason));

/** Any event at all, with sessions and stages drawn from small pools so guards sometimes pass. */
const rawEvent: fc.Arbitrary<CallEvent> = fc.oneof(
  fc.constantFrom(...CALL_EVENT_TYPES).chain((type) => fc.constant(canonicalEvent(type, initialSnapshot))),
  fc.record({ s: sessionId, n: stage }).map(({ s, n }): CallEvent => ({ type: 'PREPARE', prepare: prepare(Math.max(n, 1), s) })),
  fc.record({ s: sessionId, r: reason }).map(({ s, r }): CallEvent => ({ type: 'ENDED', ended: ended(r, s) })),
  fc.record({ s: sessionId, n: stage }).map(({ s, n }): CallEvent => ({ type: 'STAGE_STARTED', sessionId: s, stage: n, endsAt: at(n) })),
  fc
    .record({ s: sessionId, n: stage })
    .map(({ s, n }): CallEvent => ({ type: 'STAGE_ENDED', sessionId: s, stage: n, decisionEndsAt: at(n) })),
  fc.record({ s: sessionId, c: fc.boolean() }).map(({ s, c }): CallEvent => ({ type: 'PEER_STATE', sessionId: s, connected: c })),
  fc
    .record({ n: stage, r: fc.constantFrom(...Object.values(DeviceFailure)) })
    .map(({ n, r }): CallEvent => ({ type: 'DEVICES_FAILED', stage: n, reason: r })),
  stage.map((n): CallEvent => ({ type: 'DEVICES_OK', stage: n })),
  fc.boolean().map((proceed): CallEvent => ({ type: 'VOTE', proceed })),
  fc
    .record({
      s: sessionId,
      n: stage,
      st: fc.constantFrom(...Object.values(SessionState), 'bogus'),
      role: fc.constantFrom('caller', 'callee'),
      some: fc.boolean(),
    })
    .map(
      ({ s, n, st, role, some }): CallEvent => ({
        type: 'RESUMED',
        view: some ? view({ sessionId: s, stage: n, state: st, role, decisionEndsAt: at(9), peer }) : null,
      }),
    ),
);

/** One of the canonical events this snapshot accepts: a random walk that reaches deep states. */
const walk =
  (i: number) =>
  (snap: CallSnapshot): CallEvent => {
    const accepted = CALL_EVENT_TYPES.map((t) => canonicalEvent(t, snap)).filter((e) => can(snap, e));
    return accepted[i % accepted.length] ?? { type: 'DISMISS' };
  };

/** A step: a raw event, the canonical event of a type for wherever we are, or a walk step. */
const stepArb = fc.oneof(
  rawEvent.map((event) => () => event),
  fc.constantFrom(...CALL_EVENT_TYPES).map((type) => (snap: CallSnapshot) => canonicalEvent(type, snap)),
  { arbitrary: fc.nat().map(walk), weight: 3 },
);

/** Checks one step's invariants; returns whether this session has now ended. */
function checkStep(snap: CallSnapshot, event: CallEvent, endedThisSession: boolean): [CallSnapshot, boolean] {
  const r = transition(snap, event);
  assert.ok(CALL_STATES.includes(r.state), r.state);
  if (r.ignored) {
    assert.equal(r.context, snap.context);
    assert.deepEqual(r.effects, []);
  }
  const ends = r.effects.filter((e) => e.type === 'emitEnded');
  const entersSummary = r.state !== snap.state && (r.state === CallState.FINISHED || r.state === CallState.FAILED);
  if (entersSummary) assert.equal(ends.length, snap.context.sessionId === null ? 0 : 1, 'one emitEnded per ending');
  assert.ok(ends.length <= 1);
  for (const e of ends) {
    assert.equal(endedThisSession, false, 'a second emitEnded for the same session');
    assert.equal(e.type === 'emitEnded' && e.sessionId, snap.context.sessionId);
  }
  // A new session begins when the call leaves IDLE or a summary (ids are never reused by the server,
  // but the generator reuses a small pool, so "new" is judged by the move, not only by the id).
  const atRest = (s: CallState) => s === CallState.IDLE || s === CallState.FINISHED || s === CallState.FAILED;
  const newSession = r.context.sessionId !== snap.context.sessionId || (atRest(snap.state) && !atRest(r.state));
  const needsSession = r.state !== CallState.IDLE && r.state !== CallState.DIALING && r.state !== CallState.FAILED;
  if (needsSession) assert.notEqual(r.context.sessionId, null, `${r.state} without a session`);
  if (r.state === CallState.RECONNECTING) assert.notEqual(r.context.interrupted, null);
  const ended = ends.length > 0 || (endedThisSession && !newSession);
  return [{ state: r.state, context: r.context }, ended];
}

describe('transition properties', () => {
  it('never throws, stays in public states, and ends each session with exactly one emitEnded', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        let snap: CallSnapshot = initialSnapshot;
        let ended = false;
        const trace: string[] = [];
        for (const next of steps) {
          const event = next(snap);
          trace.push(`${snap.state} ${JSON.stringify(event)}`);
          try {
            [snap, ended] = checkStep(snap, event, ended);
          } catch (error) {
            throw new Error(`${(error as Error).message}\n  after: ${trace.join('\n  ')}`);
          }
        }
      }),
      { numRuns: 2000, includeErrorInReport: true },
    );
  });
});
