/**
 * The conversation on screen, or null. `<flint-conversation>` sets it while mounted; the toast
 * layer skips `message` notifications for it (the user is already reading that conversation).
 */
import { atom } from 'nanostores';

export const $activeConversation = atom<string | null>(null);
