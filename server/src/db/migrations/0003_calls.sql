-- Call sessions (staged dates and live pairings). The server is authoritative and keeps no session
-- state in memory: state, votes, the consent record and every deadline live here.
CREATE TABLE call_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('staged', 'live')),
  match_id uuid REFERENCES matches(id) ON DELETE SET NULL,
  conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
  -- The stage plan and durations are frozen at creation: a config change never alters a running call.
  plan jsonb NOT NULL,
  timing jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('ringing', 'preparing', 'active', 'intermission', 'ended')),
  stage integer NOT NULL DEFAULT 1,
  ring_ends_at timestamptz,
  prepare_ends_at timestamptz,
  ends_at timestamptz,
  -- Stage time left while the clock is paused by a disconnect.
  remaining_ms integer,
  decision_ends_at timestamptz,
  end_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE call_participants (
  session_id uuid NOT NULL REFERENCES call_sessions(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('caller', 'callee')),
  -- true while the session is not ended; the partial unique index below makes "busy" race-free.
  live boolean NOT NULL DEFAULT true,
  ready_stage integer NOT NULL DEFAULT 0,
  vote_stage integer,
  vote_proceed boolean,
  connected boolean NOT NULL DEFAULT true,
  disconnected_at timestamptz,
  PRIMARY KEY (session_id, user_id)
);
CREATE UNIQUE INDEX call_participants_one_live_per_user ON call_participants (user_id) WHERE live;

-- The consent record: who agreed (or not) to which stage, and when. Append-only.
CREATE TABLE call_consents (
  session_id uuid NOT NULL REFERENCES call_sessions(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage integer NOT NULL,
  proceed boolean NOT NULL,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, user_id, stage)
);

-- Persisted timers, swept by any node (SELECT … FOR UPDATE SKIP LOCKED on the session row).
CREATE TABLE call_deadlines (
  session_id uuid NOT NULL REFERENCES call_sessions(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('ring', 'prepare', 'stage', 'decision', 'grace')),
  due_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, kind)
);
CREATE INDEX call_deadlines_due_idx ON call_deadlines (due_at);
