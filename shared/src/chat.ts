/**
 * Chat limits shared by the server's validation and the browser's composer (no zod here, so the
 * browser can import it). The server trims a body, then counts UTF-16 code units, as JS `length` does.
 */
export const MAX_CHAT_BODY = 4000;
