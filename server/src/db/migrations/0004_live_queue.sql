-- Live queue and safety. Tickets, pairings and reports live here, never in a node's memory, so any
-- number of server processes on one PostgreSQL pair from the same queue.

-- One row per queue:join. A user has at most one WAITING ticket (partial unique index); paired and
-- cancelled tickets stay as history (pairing rate for the wait estimate, audits). A ticket only ever
-- moves waiting → paired or waiting → cancelled, under its row lock, so it is never both.
CREATE TABLE queue_tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('waiting', 'paired', 'cancelled')),
  -- clock_timestamp, not now(): tickets inserted in one transaction still get a strict order.
  joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The node and socket that joined: a restarted node cancels what its previous life left waiting.
  node_id text NOT NULL,
  socket_id text NOT NULL,
  session_id uuid REFERENCES call_sessions(id) ON DELETE SET NULL,
  closed_at timestamptz,
  -- Only a paired ticket points at a session (a waiting or cancelled one never does).
  CHECK (status = 'paired' OR session_id IS NULL)
);
CREATE UNIQUE INDEX queue_tickets_one_waiting_per_user ON queue_tickets (user_id) WHERE status = 'waiting';
CREATE INDEX queue_tickets_waiting_order ON queue_tickets (joined_at, id) WHERE status = 'waiting';
CREATE INDEX queue_tickets_paired_recent ON queue_tickets (closed_at) WHERE status = 'paired';

-- Who met whom in the live queue, pair in canonical order (user_a < user_b): the re-pair rule.
CREATE TABLE live_encounters (
  user_a uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_b uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES call_sessions(id) ON DELETE CASCADE,
  met_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id),
  CHECK (user_a < user_b)
);
CREATE INDEX live_encounters_pair ON live_encounters (user_a, user_b, met_at);

-- Reports made from inside a call (live or staged). The reported person is never told who reported.
CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reported_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id uuid REFERENCES call_sessions(id) ON DELETE SET NULL,
  stage integer NOT NULL,
  session_state text NOT NULL,
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (reporter_id <> reported_id)
);
CREATE INDEX reports_reported_idx ON reports (reported_id, created_at);
