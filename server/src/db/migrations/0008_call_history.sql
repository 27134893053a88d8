-- Every date leaves a trace (issue 10).

-- The shorter grace after a participant's page said it was closing (`call:leaving`): until they
-- resume, their grace is FLINT_LEAVE_GRACE_S instead of FLINT_RECONNECT_GRACE_S.
ALTER TABLE call_participants ADD COLUMN leaving boolean NOT NULL DEFAULT false;

-- The stage whose gate this side said failed (`call:gate`: "Ben is fixing their camera"), until
-- it passes; then (and only then) the other side is told it is fixed.
ALTER TABLE call_participants ADD COLUMN gate_failed_stage integer;

-- When the callee answered (staged) or the pairing started (live): the start of a date's duration.
ALTER TABLE call_sessions ADD COLUMN answered_at timestamptz;

-- One row per ended session, written by the calls domain in the transaction that ends it (the
-- primary key makes a second writer a no-op). What happened, for both people: `GET /api/calls/history`.
CREATE TABLE call_history (
  session_id uuid PRIMARY KEY,
  kind text NOT NULL,
  caller_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  callee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  conversation_id uuid,
  requested_at timestamptz NOT NULL,
  answered_at timestamptz,
  ended_at timestamptz NOT NULL,
  stages_reached integer NOT NULL,
  stages integer NOT NULL,
  end_reason text NOT NULL
);
CREATE INDEX call_history_caller ON call_history (caller_id, ended_at DESC);
CREATE INDEX call_history_callee ON call_history (callee_id, ended_at DESC);

-- Chat's column (chat owns messages; in this migration because the feature needs both at once):
-- a system line (a missed or ended date) carries its data here, and an empty body. The client
-- words it in its own language.
ALTER TABLE messages ADD COLUMN system jsonb;
