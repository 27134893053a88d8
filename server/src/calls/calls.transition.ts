/**
 * THE transition function of a call session: `transition(session, event, now) → {session, effects}`.
 * Every change to a session (its creation, socket events, persisted deadlines, disconnects, safety
 * reports) goes through here; the calls executor loads the session under a row lock, calls this,
 * saves the result and then runs the effects. No other domain writes a session.
 *
 * States: idle → ringing → preparing(stage N) → active(N) → intermission(N) → preparing(N+1) … → ended.
 *
 * Creation, by kind:
 * - staged: `request` rings the callee (the caller's consent to stage 1 is on record).
 * - live: `start-live` (a queue pairing) goes straight to preparing(1): there is nobody to ring, both
 *   asked for it by joining the queue (recorded as their consent to stage 1). Each is told
 *   `call:matched` with the other's profile, then `call:prepare`.
 *
 * Last stage, by kind:
 * - staged: its deadline ends the session `completed`; there is nothing left to decide.
 * - live: its last stage also goes to an intermission, which asks "Match?". Both yes → a `create-match` effect: the executor matches the
 *   pair in the same transaction (reusing the match they may already have) and answers with a
 *   `match-created` event, which ends the session `completed` with `matchId` and `conversationId` in
 *   `call:ended` and a `match` notification for both. A no or a timeout ends it as for staged
 *   (`declined` / `decision-timeout`), with no match. The consent row for stage N+1 after the last
 *   live stage is the consent to the match.
 *
 * Disconnects (a participant's last socket dropped), decided here and why:
 * - Everyone: the other side gets `call:peer-state {connected:false}` (not while ringing: the callee has
 *   no call surface yet), and a grace deadline starts (FLINT_RECONNECT_GRACE_S). If it passes before
 *   `call:resume`, the session ends `peer-disconnected` for both.
 * - active: the stage clock PAUSES (the remaining time is persisted) because the date is not happening
 *   while one side is gone; on resume the other side gets `call:stage-started` with the shifted endsAt,
 *   and the resumer gets `call:prepare` again (its gate and media must be re-established after a
 *   reload), then its own `call:stage-started` when it answers `call:ready`.
 * - preparing: the gate deadline is suspended while someone is away and restarts in full on resume.
 * - intermission: the decision deadline KEEPS running and a vote already cast stays. The intermission
 *   is a short, media-less moment with a fixed window announced to both; pausing it would let one side
 *   hold the other in limbo, and the resumed user can still vote before it ends. A vote missing at the
 *   deadline counts as "no" (`decision-timeout`), exactly like a user who stayed but did not answer.
 *
 * Decisions are revealed together: a session ends `declined` only once BOTH voted (any no); when the
 * window closes with a vote missing it ends `decision-timeout`, even if the other had said no, so the
 * user who did not vote never learns who declined.
 *
 * A media failure (`media-failed`: a participant's browser found no path to the other, direct or
 * relayed) ends a running stage `media-failed` for both, so nobody waits in "reconnecting" forever.
 *
 * A report or a block (`report`, from either participant, in any state before the end) ends the
 * session `reported` with the very same `call:ended` for both, naming no conversation (after a block
 * that chat is closed anyway), so nobody learns who acted. After the end it changes nothing: safety
 * still records it.
 */
import { type DeviceFailure, EndReason, type PublicUser, ServerEvent } from '@flint/shared';
import type { DeadlineKind, Effect, Participant, Session, SessionEvent, TransitionResult } from './calls.model.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const wrongState = (message: string): TransitionResult => ({ ok: false, error: { code: 'wrong-state', message } });
const forbidden = (message: string): TransitionResult => ({ ok: false, error: { code: 'forbidden', message } });
const allConnected = (s: Session) => s.participants.every((p) => p.connected);

/** The deadlines a session in this shape must have, by kind: the single source for the sweep table. */
export function deadlinesOf(s: Session): Map<DeadlineKind, number> {
  const due = new Map<DeadlineKind, number>();
  if (s.state === 'ended' || s.state === 'idle') return due;
  if (s.state === 'ringing' && s.ringEndsAt !== null) due.set('ring', s.ringEndsAt);
  if (s.state === 'preparing' && s.prepareEndsAt !== null) due.set('prepare', s.prepareEndsAt);
  if (s.state === 'active' && s.endsAt !== null) due.set('stage', s.endsAt);
  if (s.state === 'intermission' && s.decisionEndsAt !== null) due.set('decision', s.decisionEndsAt);
  const gone = s.participants.flatMap((p) => (p.disconnectedAt === null ? [] : [graceEndOf(s, p)]));
  if (gone.length > 0) due.set('grace', Math.min(...gone));
  return due;
}

/** When a gone participant's grace ends: the shorter leave grace once their page said it was closing. */
const graceEndOf = (s: Session, p: Participant) => p.disconnectedAt! + (p.leaving ? s.timing.leaveGraceMs : s.timing.graceMs);

export function transition(session: Session, event: SessionEvent, now: number): TransitionResult {
  if (event.type === 'request') return request(session, event.from, now);
  if (event.type === 'start-live') return startLive(session, now);
  if (event.type === 'deadline') return deadline(session, event.kind, event.dueAt, now);
  if (event.type === 'match-created') return matchCreated(session, event.matchId, event.conversationId);
  const me = session.participants.find((p) => p.userId === event.userId);
  if (!me) return forbidden('you are not a participant of this call');
  if (session.state === 'ended' || session.state === 'idle') {
    // Leaving, dropping out of or reporting a finished call is a harmless repeat; anything else is too late.
    if (['leave', 'leaving', 'disconnect', 'report'].includes(event.type)) return done(session, session, []);
    return wrongState('this call has ended');
  }
  const s = clone(session);
  const self = s.participants.find((p) => p.userId === me.userId)!;
  const peer = s.participants.find((p) => p.userId !== me.userId)!;
  switch (event.type) {
    case 'accept':
      if (self.role !== 'callee') return forbidden('only the person called can answer');
      if (s.state !== 'ringing') return wrongState('this call was already answered');
      s.answeredAt = now;
      return done(session, startPreparing(s, 1, now), [
        { type: 'consent', userId: self.userId, stage: 1, proceed: true, at: now },
        { type: 'emit', to: self.userId, event: ServerEvent.CALL_ANSWERED_ELSEWHERE, payload: ref(s), exceptSocketId: event.socketId },
        ...prepareBoth(s),
      ]);
    case 'decline':
      if (self.role !== 'callee') return forbidden('only the person called can decline');
      if (s.state !== 'ringing') return wrongState('this call was already answered');
      return end(session, s, EndReason.DECLINED, [{ type: 'consent', userId: self.userId, stage: 1, proceed: false, at: now }]);
    case 'leave':
      if (s.state !== 'ringing') return end(session, s, EndReason.HUNG_UP);
      if (self.role === 'callee') return end(session, s, EndReason.DECLINED);
      return end(session, s, EndReason.CANCELLED, [{ type: 'emit', to: peer.userId, event: ServerEvent.CALL_CANCELLED, payload: ref(s) }]);
    case 'ready':
      if (event.stage !== s.stage) return wrongState(`stage ${event.stage} is not being prepared`);
      if (s.state === 'active') {
        // A resumer's gate passed again: it needs the running clock (nothing while still paused).
        const started = s.endsAt === null ? [] : [stageStarted(s, self.userId)];
        return done(session, s, started);
      }
      if (s.state !== 'preparing') return wrongState(`stage ${event.stage} is not being prepared`);
      self.readyStage = event.stage;
      if (self.gateFailedStage === event.stage) {
        // The peer was told "fixing their camera" (`call:gate`): it goes away now.
        self.gateFailedStage = null;
        if (peer.readyStage < s.stage) return done(session, s, [gatePassed(s, peer.userId)]);
        const started = startStage(session, s, now);
        if (started.ok) started.effects.unshift(gatePassed(s, peer.userId));
        return started;
      }
      if (peer.readyStage < s.stage) return done(session, s, []);
      return startStage(session, s, now);
    case 'gate-failed': {
      // Told while the gate of the stage being prepared is open (or a resumer's, in a running stage).
      const open = (s.state === 'preparing' || s.state === 'active') && event.stage === s.stage && self.readyStage < s.stage;
      if (!open) return wrongState(`stage ${event.stage} is not being prepared`);
      self.gateFailedStage = event.stage;
      // This side's own budget, never later than the session's gate deadline.
      const endsAt = Math.min(now + event.endsInMs, s.prepareEndsAt ?? Number.POSITIVE_INFINITY);
      const gate = { stage: event.stage, reason: event.reason, endsAt: iso(endsAt) };
      return done(session, s, [
        { type: 'emit', to: peer.userId, event: ServerEvent.CALL_PEER_STATE, payload: { sessionId: s.id, connected: true, gate } },
      ]);
    }
    case 'device-failed':
      if (event.stage !== s.stage || (s.state !== 'preparing' && s.state !== 'active')) {
        return wrongState(`stage ${event.stage} is not being prepared`);
      }
      return end(session, s, EndReason.DEVICE_UNAVAILABLE, [], { [self.userId]: event.reason });
    case 'media-failed':
      // Only a running stage with both people here: a peer who is away gets the reconnect grace
      // (their reload or network change is not a failed path), and a stage still preparing has not
      // tried to connect yet.
      if (s.state !== 'active' || event.stage !== s.stage) return wrongState(`stage ${event.stage} is not running`);
      if (!allConnected(s)) return wrongState('the other person is reconnecting');
      return end(session, s, EndReason.MEDIA_FAILED);
    case 'media-path':
      return mediaPath(session, s, event.stage, event.up, now);
    case 'vote':
      return vote(session, s, self, peer, event.stage, event.proceed, now);
    case 'leaving':
      // Their page is closing: the peer is told at once and the grace shrinks (a reload within it resumes).
      // A callee's ringing tab owns nothing (another tab of theirs may still answer): it changes nothing.
      if (self.leaving || (s.state === 'ringing' && self.role === 'callee')) return done(session, s, []);
      self.leaving = true;
      return goneAt(session, s, self, peer, self.connected ? now : self.disconnectedAt!, true);
    case 'disconnect': {
      if (!self.connected) return done(session, s, []);
      return goneAt(session, s, self, peer, now, false);
    }
    case 'resume': {
      const effects: Effect[] = [];
      if (!self.connected) {
        self.connected = true;
        self.disconnectedAt = null;
        self.leaving = false;
        effects.push(...peerState(s, peer.userId, true));
      }
      if (allConnected(s) && s.state === 'active' && s.endsAt === null) {
        s.endsAt = now + (s.remainingMs ?? 0);
        s.remainingMs = null;
        effects.push(stageStarted(s, peer.userId));
      }
      if (allConnected(s) && s.state === 'preparing' && s.prepareEndsAt === null) s.prepareEndsAt = now + s.timing.prepareMs;
      if (s.state === 'preparing' || s.state === 'active') effects.push({ type: 'prepare', to: self.userId });
      return done(session, s, effects);
    }
    case 'report':
      return end(session, s, EndReason.REPORTED);
  }
}

/** `self` is gone since `at` (its page closing when `left`): the stage clock pauses, the gate waits, the peer is told. */
function goneAt(session: Session, s: Session, self: Participant, peer: Participant, at: number, left: boolean): TransitionResult {
  self.connected = false;
  self.disconnectedAt = at;
  if (s.state === 'active' && s.endsAt !== null) {
    s.remainingMs = Math.max(0, s.endsAt - at);
    s.endsAt = null;
  }
  if (s.state === 'preparing') s.prepareEndsAt = null;
  return done(session, s, peerState(s, peer.userId, false, left));
}

/**
 * A participant's media path dropped or came back in the running stage. Down: the clock pauses
 * exactly as for a disconnect (remaining time kept, no deadline), since the date is not happening.
 * Up: with both here it runs again from where it stopped and both are told the shifted end. Either
 * side's report counts (both see the same path); a repeat is a no-op. A participant who is away
 * keeps the clock paused until their resume, which restarts it.
 */
function mediaPath(session: Session, s: Session, stage: number, up: boolean, now: number): TransitionResult {
  if (s.state !== 'active' || stage !== s.stage) return wrongState(`stage ${stage} is not running`);
  if (!up) {
    if (s.endsAt === null) return done(session, s, []);
    s.remainingMs = Math.max(0, s.endsAt - now);
    s.endsAt = null;
    return done(session, s, []);
  }
  if (s.endsAt !== null || !allConnected(s)) return done(session, s, []);
  s.endsAt = now + (s.remainingMs ?? 0);
  s.remainingMs = null;
  return done(
    session,
    s,
    s.participants.map((p) => stageStarted(s, p.userId)),
  );
}

function request(session: Session, from: PublicUser, now: number): TransitionResult {
  if (session.state !== 'idle') return wrongState('this call was already requested');
  if (session.kind !== 'staged') return wrongState('only a staged call rings');
  const s = clone(session);
  const [caller, callee] = s.participants;
  s.state = 'ringing';
  s.ringEndsAt = now + s.timing.ringMs;
  const invite = {
    sessionId: s.id,
    kind: s.kind,
    from,
    matchId: s.matchId,
    ringEndsAt: iso(s.ringEndsAt),
    conversationId: s.conversationId,
    media: s.plan[0]!.media,
  };
  return done(session, s, [
    { type: 'consent', userId: caller.userId, stage: 1, proceed: true, at: now },
    { type: 'emit', to: callee.userId, event: ServerEvent.CALL_INVITE, payload: invite },
  ]);
}

function startLive(session: Session, now: number): TransitionResult {
  if (session.state !== 'idle') return wrongState('this call was already started');
  if (session.kind !== 'live') return wrongState('only a live pairing starts without a ring');
  const s = startPreparing(clone(session), 1, now);
  s.answeredAt = now;
  return done(session, s, [
    ...s.participants.map((p): Effect => ({ type: 'consent', userId: p.userId, stage: 1, proceed: true, at: now })),
    ...s.participants.map((p): Effect => ({ type: 'matched', to: p.userId })),
    ...prepareBoth(s),
  ]);
}

function vote(
  session: Session,
  s: Session,
  self: Participant,
  peer: Participant,
  stage: number,
  proceed: boolean,
  now: number,
): TransitionResult {
  const pending = s.state === 'intermission' && stage === s.stage;
  // The decision just taken (both said yes, next stage under way) may still see a retried vote.
  const justTaken = s.state !== 'intermission' && stage === s.stage - 1;
  if (!pending && !justTaken) return wrongState(`there is no decision pending after stage ${stage}`);
  if (self.vote?.stage === stage) {
    // The same vote again is an idempotent repeat (e.g. a retried request); changing it is not allowed.
    return self.vote.proceed === proceed ? done(session, s, []) : wrongState('you already voted for this stage');
  }
  if (!pending) return wrongState(`there is no decision pending after stage ${stage}`);
  self.vote = { stage, proceed };
  const effects: Effect[] = [
    { type: 'consent', userId: self.userId, stage: stage + 1, proceed, at: now },
    { type: 'emit', to: peer.userId, event: ServerEvent.CALL_PEER_DECIDED, payload: { sessionId: s.id, stage } },
  ];
  if (peer.vote?.stage !== stage) return done(session, s, effects);
  if (!proceed || !peer.vote.proceed) return end(session, s, EndReason.DECLINED, effects);
  if (asksMatch(s)) return done(session, s, [...effects, { type: 'create-match' }]);
  return done(session, startPreparing(s, stage + 1, now), [...effects, ...prepareBoth(s)]);
}

function deadline(session: Session, kind: DeadlineKind, dueAt: number, now: number): TransitionResult {
  const s = clone(session);
  const notDue = wrongState(`no ${kind} deadline is due`);
  switch (kind) {
    case 'ring':
      return s.state === 'ringing' && s.ringEndsAt !== null && s.ringEndsAt <= now ? end(session, s, EndReason.RING_TIMEOUT) : notDue;
    case 'prepare': {
      if (s.state !== 'preparing' || s.prepareEndsAt === null || s.prepareEndsAt > now) return notDue;
      const late = s.participants.filter((p) => p.readyStage < s.stage);
      return end(session, s, EndReason.DEVICE_UNAVAILABLE, [], Object.fromEntries(late.map((p) => [p.userId, 'device-timeout'])));
    }
    case 'stage':
      if (s.state !== 'active' || s.endsAt === null || s.endsAt > now) return notDue;
      // Overdue by more than a reconnect grace means no node ran for that long: nobody is still on this
      // call, so it is ended rather than resumed into an intermission nobody sees (zombie sweep).
      if (now - dueAt > s.timing.graceMs) return end(session, s, EndReason.PEER_DISCONNECTED);
      if (s.stage >= s.plan.length && s.kind !== 'live') return end(session, s, EndReason.COMPLETED);
      s.state = 'intermission';
      s.endsAt = null;
      s.decisionEndsAt = now + s.timing.decisionMs;
      return done(
        session,
        s,
        s.participants.map((p) => ({
          type: 'emit',
          to: p.userId,
          event: ServerEvent.CALL_STAGE_ENDED,
          payload: {
            sessionId: s.id,
            stage: s.stage,
            decisionEndsAt: iso(s.decisionEndsAt!),
            nextMedia: s.plan[s.stage]?.media ?? null,
          },
        })),
      );
    case 'decision':
      return s.state === 'intermission' && s.decisionEndsAt !== null && s.decisionEndsAt <= now
        ? end(session, s, EndReason.DECISION_TIMEOUT)
        : notDue;
    case 'grace': {
      const expired = s.participants.some((p) => p.disconnectedAt !== null && graceEndOf(s, p) <= now);
      return expired && s.state !== 'ended' ? end(session, s, EndReason.PEER_DISCONNECTED) : notDue;
    }
  }
}

/** The intermission after a live session's last stage: its question is "Match?", not "Continue?". */
const asksMatch = (s: Session) => s.kind === 'live' && s.stage >= s.plan.length;

function matchCreated(session: Session, matchId: string, conversationId: string): TransitionResult {
  const bothYes = session.participants.every((p) => p.vote?.stage === session.stage && p.vote.proceed);
  if (session.state !== 'intermission' || !asksMatch(session) || !bothYes) return wrongState('no match is being made for this call');
  const s = clone(session);
  s.matchId = matchId;
  s.conversationId = conversationId;
  const result = end(session, s, EndReason.COMPLETED);
  if (result.ok) {
    for (const p of s.participants) {
      const other = s.participants.find((o) => o.userId !== p.userId)!;
      result.effects.push({
        type: 'notify',
        to: p.userId,
        notification: {
          kind: 'match',
          title: "It's a match!",
          body: 'You both chose Match. Say hello!',
          href: `/chat/${conversationId}`,
          data: { matchId, conversationId, userId: other.userId },
        },
      });
    }
  }
  return result;
}

function startPreparing(s: Session, stage: number, now: number): Session {
  s.state = 'preparing';
  s.stage = stage;
  s.ringEndsAt = null;
  s.decisionEndsAt = null;
  s.prepareEndsAt = allConnected(s) ? now + s.timing.prepareMs : null;
  return s;
}

function startStage(session: Session, s: Session, now: number): TransitionResult {
  const length = s.plan[s.stage - 1]!.seconds * 1000;
  s.state = 'active';
  s.prepareEndsAt = null;
  if (!allConnected(s)) {
    // Both gates passed but one side dropped since: the stage starts paused, in full, until it resumes.
    s.remainingMs = length;
    return done(session, s, []);
  }
  s.endsAt = now + length;
  return done(
    session,
    s,
    s.participants.map((p) => stageStarted(s, p.userId)),
  );
}

function end(
  prev: Session,
  s: Session,
  reason: EndReason,
  effects: Effect[] = [],
  failures: Record<string, DeviceFailure> = {},
): TransitionResult {
  s.state = 'ended';
  s.endReason = reason;
  s.ringEndsAt = s.prepareEndsAt = s.endsAt = s.remainingMs = s.decisionEndsAt = null;
  for (const p of s.participants) p.disconnectedAt = null;
  const callee = s.participants[1];
  // Never answered and not turned down: the callee missed it (data only; their app words it).
  const missed = prev.state === 'ringing' && reason !== EndReason.DECLINED && reason !== EndReason.REPORTED;
  const notices: Effect[] = [];
  if (missed && s.kind === 'staged') {
    notices.push({
      type: 'notify',
      to: callee.userId,
      notification: {
        kind: 'call-missed',
        title: '',
        body: '',
        ...(s.conversationId ? { href: `/chat/${s.conversationId}` } : {}),
        data: { sessionId: s.id, conversationId: s.conversationId, callerId: s.participants[0].userId },
      },
    });
  }
  const ended = s.participants.map(
    (p): Effect => ({
      type: 'emit',
      to: p.userId,
      event: ServerEvent.CALL_ENDED,
      payload: {
        sessionId: s.id,
        kind: s.kind,
        reason,
        // After a report or a block there is no chat to go back to.
        conversationId: reason === EndReason.REPORTED ? null : s.conversationId,
        ...(s.kind === 'live' && s.matchId !== null ? { matchId: s.matchId } : {}),
        ...(failures[p.userId] ? { deviceFailure: failures[p.userId] } : {}),
      },
    }),
  );
  return done(prev, s, [...effects, ...ended, ...notices]);
}

/** Appends the deadline moves (diff of `deadlinesOf`) so the executor can arm its fast-path timers. */
function done(prev: Session, next: Session, effects: Effect[]): TransitionResult {
  const before = deadlinesOf(prev);
  const after = deadlinesOf(next);
  for (const kind of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(kind) !== after.get(kind)) effects.push({ type: 'deadline', kind, at: after.get(kind) ?? null });
  }
  return { ok: true, session: next, effects };
}

const ref = (s: Session) => ({ sessionId: s.id });
const prepareBoth = (s: Session): Effect[] => s.participants.map((p) => ({ type: 'prepare', to: p.userId }));
const stageStarted = (s: Session, to: string): Effect => ({
  type: 'emit',
  to,
  event: ServerEvent.CALL_STAGE_STARTED,
  payload: { sessionId: s.id, stage: s.stage, endsAt: iso(s.endsAt!) },
});
const peerState = (s: Session, to: string, connected: boolean, left = false): Effect[] =>
  s.state === 'ringing'
    ? []
    : [{ type: 'emit', to, event: ServerEvent.CALL_PEER_STATE, payload: { sessionId: s.id, connected, ...(left ? { left } : {}) } }];
const gatePassed = (s: Session, to: string): Effect => ({
  type: 'emit',
  to,
  event: ServerEvent.CALL_PEER_STATE,
  payload: { sessionId: s.id, connected: true, gate: null },
});

function clone(s: Session): Session {
  return { ...s, participants: [{ ...s.participants[0] }, { ...s.participants[1] }] };
}
