-- Call quality (issue 9): what each side measured (getStats, every 2 s) during each stage, one row
-- per participant and stage. Counting samples per level (rather than keeping every sample) keeps a
-- 10-minute stage at one row per side and still answers "how much of this stage was poor"; the last
-- figures are kept as measured, for support.
CREATE TABLE call_quality (
  session_id uuid NOT NULL REFERENCES call_sessions(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage integer NOT NULL,
  good_samples integer NOT NULL DEFAULT 0,
  fair_samples integer NOT NULL DEFAULT 0,
  poor_samples integer NOT NULL DEFAULT 0,
  lost_samples integer NOT NULL DEFAULT 0,
  last_level text NOT NULL CHECK (last_level IN ('good', 'fair', 'poor', 'lost')),
  rtt_ms real,
  loss_pct real,
  jitter_ms real,
  fps real,
  -- How far this side stepped its outgoing video down: now, and the furthest in this stage.
  video_step integer NOT NULL DEFAULT 0,
  max_video_step integer NOT NULL DEFAULT 0,
  first_at timestamptz NOT NULL DEFAULT now(),
  last_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, user_id, stage)
);
-- The admin summary reads recent rows only.
CREATE INDEX call_quality_last_at ON call_quality (last_at);
