-- Web Push (issue 10): each browser that said "ring me when Flint is closed" is one row. The
-- endpoint is the browser's own (a push service URL, a capability secret): one browser belongs to
-- one person at a time, so a second sign-in on it takes the row over. p256dh and auth are the
-- browser's keys the message is encrypted to (RFC 8291), base64url as the browser gives them.
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);
