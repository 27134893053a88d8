/**
 * Signing out of this browser: the person's chats, messages and outbox leave this device, so the
 * next person to sign in here never finds them. Every tab of the same user signs out with it
 * (sessions are per tab), or a tab still open would keep storing that user's chats.
 * `unsentCount` tells the UI whether to warn first: unsent messages would be lost.
 */

import { forgetUser, remember } from '../chat/local/chat-db.ts';
import { openOutbox } from '../chat/local/outbox.ts';
import { $session } from './session.ts';

const CHANNEL = 'flint-session';
type SessionMessage = { type: 'signed-out'; userId: string };

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
channel?.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
  if (event.data?.type === 'signed-out' && $session.get()?.user.id === event.data.userId) void signOut({ broadcast: false });
});

// Signing in again (here or with `?as=`) lets the user's data be written again.
$session.subscribe((session) => {
  if (session) remember(session.user.id);
});

/** How many of the signed-in user's messages have not reached the server (refused ones included). */
export async function unsentCount(): Promise<number> {
  const userId = $session.get()?.user.id;
  return userId ? (await openOutbox().list(userId)).length : 0;
}

/** Signs out and deletes what this device holds of the user (in every tab of theirs). */
export async function signOut({ broadcast = true } = {}): Promise<void> {
  const userId = $session.get()?.user.id;
  $session.set(null);
  if (!userId) return;
  try {
    await forgetUser(userId);
  } finally {
    if (broadcast) channel?.postMessage({ type: 'signed-out', userId } satisfies SessionMessage);
  }
}
