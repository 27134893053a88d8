/**
 * Signing out of this browser: the person's chats, messages and outbox leave this device, so the
 * next person to sign in here never finds them, and this browser's call alerts (Web Push) stop. Every tab of the browser signs out with it (the
 * session is per browser, session.ts), and each stops storing that user's chats at once.
 * `unsentCount` tells the UI whether to warn first: unsent messages would be lost.
 */

import { forgetUser, remember } from '../chat/local/chat-db.ts';
import { openOutbox } from '../chat/local/outbox.ts';
import { dropPushSubscription } from '../push/web-push.ts';
import { $session } from './session.ts';

const CHANNEL = 'flint-session';
type SessionMessage = { type: 'signed-out'; userId: string };

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
channel?.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
  if (event.data?.type !== 'signed-out') return;
  // The `storage` event may have signed this tab out already: stop its writes for that user anyway.
  if ($session.get()?.user.id === event.data.userId) void signOut({ broadcast: false });
  else void forgetUser(event.data.userId);
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
  const session = $session.get();
  const userId = session?.user.id;
  // The tab that signs out stops this browser's call alerts for them (the others only follow).
  const dropping = broadcast && session ? dropPushSubscription(session.token) : null;
  $session.set(null);
  if (!userId) return;
  try {
    await forgetUser(userId);
    await dropping;
  } finally {
    if (broadcast) channel?.postMessage({ type: 'signed-out', userId } satisfies SessionMessage);
  }
}
