/**
 * drizzle definitions of the call tables, for typed queries only; the source of truth is
 * db/migrations/0003_calls.sql and the later migrations. Kept in this folder so the calls domain owns its storage.
 */

import type { EndReason, SessionKind, SessionState, StagePlan } from '@flint/shared';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DeadlineKind, Role, SessionTiming } from './calls.model.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const callSessions = pgTable('call_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<SessionKind>().notNull(),
  matchId: uuid('match_id'),
  conversationId: uuid('conversation_id'),
  plan: jsonb('plan').$type<StagePlan>().notNull(),
  timing: jsonb('timing').$type<SessionTiming>().notNull(),
  state: text('state').$type<SessionState>().notNull(),
  stage: integer('stage').notNull(),
  ringEndsAt: at('ring_ends_at'),
  prepareEndsAt: at('prepare_ends_at'),
  endsAt: at('ends_at'),
  remainingMs: integer('remaining_ms'),
  decisionEndsAt: at('decision_ends_at'),
  endReason: text('end_reason'),
  answeredAt: at('answered_at'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const callParticipants = pgTable(
  'call_participants',
  {
    sessionId: uuid('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    live: boolean('live').notNull(),
    readyStage: integer('ready_stage').notNull(),
    voteStage: integer('vote_stage'),
    voteProceed: boolean('vote_proceed'),
    connected: boolean('connected').notNull(),
    disconnectedAt: at('disconnected_at'),
    /** The tab holding this side's devices and media (0006_call_owner_tab.sql); null until one claims it. */
    ownerTab: text('owner_tab'),
    /** What this side last said it sends (`call:media`); null: never said (on). */
    sendingAudio: boolean('sending_audio'),
    sendingVideo: boolean('sending_video'),
    /** Gone because their page said it was closing (0008_call_history.sql): the leave grace applies. */
    leaving: boolean('leaving').notNull().default(false),
    /** The stage whose gate this side said failed (`call:gate`), until it passes. */
    gateFailedStage: integer('gate_failed_stage'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

export const callConsents = pgTable(
  'call_consents',
  {
    sessionId: uuid('session_id').notNull(),
    userId: uuid('user_id').notNull(),
    stage: integer('stage').notNull(),
    proceed: boolean('proceed').notNull(),
    decidedAt: at('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId, t.stage] })],
);

export const callDeadlines = pgTable(
  'call_deadlines',
  {
    sessionId: uuid('session_id').notNull(),
    kind: text('kind').$type<DeadlineKind>().notNull(),
    dueAt: at('due_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.kind] })],
);

/** One row per ended session (0008_call_history.sql), written in the transaction that ends it. */
export const callHistory = pgTable('call_history', {
  sessionId: uuid('session_id').primaryKey(),
  kind: text('kind').$type<SessionKind>().notNull(),
  callerId: uuid('caller_id').notNull(),
  calleeId: uuid('callee_id').notNull(),
  conversationId: uuid('conversation_id'),
  requestedAt: at('requested_at').notNull(),
  answeredAt: at('answered_at'),
  endedAt: at('ended_at').notNull(),
  stagesReached: integer('stages_reached').notNull(),
  stages: integer('stages').notNull(),
  endReason: text('end_reason').$type<EndReason>().notNull(),
});
