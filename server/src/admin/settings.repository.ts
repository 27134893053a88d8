import { ConnectionMode } from '@flint/shared';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { settings } from '../db/schema.ts';

const CONNECTION_MODE = 'connection_mode';
const MODES = Object.values(ConnectionMode) as string[];

export async function getConnectionMode(db: Executor): Promise<ConnectionMode> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, CONNECTION_MODE));
  return typeof row?.value === 'string' && MODES.includes(row.value) ? (row.value as ConnectionMode) : 'auto';
}

export async function setConnectionMode(db: Executor, mode: ConnectionMode): Promise<void> {
  await db
    .insert(settings)
    .values({ key: CONNECTION_MODE, value: mode })
    .onConflictDoUpdate({ target: settings.key, set: { value: mode, updatedAt: sql`now()` } });
}
