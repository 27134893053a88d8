-- Bring your own identity (AUTH_JWKS_URL): a token from the host's identity provider names a person
-- by (issuer, subject). The first time a pair is seen a Flint user is created from the token's
-- claims and linked here; every later token of that pair is that user.
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);

-- The avatar an identity provider gave (`picture` claim); null for everyone else.
ALTER TABLE users ADD COLUMN picture text;
