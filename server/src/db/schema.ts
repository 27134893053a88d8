/**
 * drizzle table definitions, for typed queries only. The SQL files in ./migrations are the source of
 * truth for the database; keep these in step with them.
 */
import type { ChatSystemLine } from '@flint/shared';
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  bio: text('bio').notNull().default(''),
  age: integer('age'),
  role: text('role', { enum: ['user', 'admin'] })
    .notNull()
    .default('user'),
  picture: text('picture'),
  createdAt: createdAt(),
});

export const userIdentities = pgTable(
  'user_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

export const swipes = pgTable(
  'swipes',
  {
    swiperId: uuid('swiper_id').notNull(),
    targetId: uuid('target_id').notNull(),
    liked: boolean('liked').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.swiperId, t.targetId] })],
);

export const matches = pgTable('matches', {
  id: uuid('id').primaryKey().defaultRandom(),
  userA: uuid('user_a').notNull(),
  userB: uuid('user_b').notNull(),
  createdAt: createdAt(),
});

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  matchId: uuid('match_id').notNull().unique(),
  createdAt: createdAt(),
});

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  conversationId: uuid('conversation_id').notNull(),
  senderId: uuid('sender_id').notNull(),
  clientId: text('client_id').notNull(),
  body: text('body').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  createdAt: createdAt(),
  /** A system line's data (0008_call_history.sql); null for what a person wrote. */
  system: jsonb('system').$type<ChatSystemLine>(),
});

export const blocks = pgTable(
  'blocks',
  {
    blockerId: uuid('blocker_id').notNull(),
    blockedId: uuid('blocked_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const presenceSockets = pgTable('presence_sockets', {
  socketId: text('socket_id').primaryKey(),
  userId: uuid('user_id').notNull(),
  nodeId: text('node_id').notNull(),
  connectedAt: timestamp('connected_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
