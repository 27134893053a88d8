/**
 * The conversation on screen, or null. `<flint-conversation>` sets it while mounted; the toast
 * layer skips `message` notifications for it (the user is already reading that conversation).
 */
import { atom } from 'nanostores';

export const $activeConversation = atom<string | null>(null);

/** Whether a notification's conversation is the one on screen (its `data.conversationId`). */
export function isActiveConversation(notification: { data?: Record<string, unknown> }): boolean {
  const id = notification.data?.conversationId;
  return typeof id === 'string' && id === $activeConversation.get();
}
