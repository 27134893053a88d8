-- Chat: a per-conversation sequence counter and per-member receipt pointers.

-- The last seq handed out. `UPDATE ... SET last_seq = last_seq + 1 RETURNING last_seq` inside the
-- insert transaction locks the conversation row, so concurrent senders (on any number of server
-- processes) get distinct, gap-free numbers in commit order.
ALTER TABLE conversations ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;

-- How far each member has received (their device has it) and read. Pointers only move forward.
CREATE TABLE conversation_reads (
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_read_seq bigint NOT NULL DEFAULT 0,
  last_delivered_seq bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id),
  CHECK (last_read_seq <= last_delivered_seq)
);
