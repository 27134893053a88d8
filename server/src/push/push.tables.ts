/**
 * drizzle definition of the push subscriptions table, for typed queries only; the source of truth
 * is db/migrations/0009_push_subscriptions.sql. Kept in this folder so the push domain owns its storage.
 */
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const pushSubscriptions = pgTable('push_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  endpoint: text('endpoint').notNull().unique(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
