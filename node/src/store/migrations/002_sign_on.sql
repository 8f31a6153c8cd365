-- Cross-device facial sign-on (issue 5). Tokens and secrets are stored as SHA-256 hashes only;
-- timestamps come from the node's clock (so tests can move time), never from now().

-- A site's user: its own uid namespace per app (the same uid in two apps is two people).
CREATE TABLE sign_on_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  uid text NOT NULL,
  email text,
  -- The enrollment the phone's 1:1 check runs against; unlinked when the facial ID is deleted.
  facial_id uuid REFERENCES facial_ids (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (app_id, uid)
);
-- Lookup by e-mail (the widget's form) must find one user.
CREATE UNIQUE INDEX sign_on_users_email_idx ON sign_on_users (app_id, lower(email)) WHERE email IS NOT NULL;

-- The user's phones, as Web Push subscriptions.
CREATE TABLE sign_on_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES sign_on_users (id) ON DELETE CASCADE,
  endpoint text NOT NULL,
  subscription jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, endpoint)
);

-- One login attempt: created by push_notification / widget login, completed once by the phone's scan.
CREATE TABLE sign_on_verifications (
  token_hash text PRIMARY KEY,
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES sign_on_users (id) ON DELETE CASCADE,
  -- The domain (site) the login is for: the proof's audience.
  site text NOT NULL,
  subscription_secret_hash text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'failed', 'expired')),
  failure_code int,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when a scan session was admitted with the token (single use).
  used_at timestamptz,
  completed_at timestamptz,
  subscriber_claimed boolean NOT NULL DEFAULT false
);
-- The cleanup sweep.
CREATE INDEX sign_on_verifications_expires_idx ON sign_on_verifications (expires_at);

-- Proofs accepted by verify_proof, kept until they expire anyway (single use).
CREATE TABLE sign_on_used_proofs (
  jti text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sign_on_used_proofs_expires_idx ON sign_on_used_proofs (expires_at);

-- Failed sign-ons per user: 5 → 15-minute lock, 10 → locked until an admin unlocks.
CREATE TABLE sign_on_lockouts (
  user_id uuid PRIMARY KEY REFERENCES sign_on_users (id) ON DELETE CASCADE,
  failures int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  permanent boolean NOT NULL DEFAULT false
);

-- Keys generated once per store and shared by every node on it (the app-token HMAC secret, the
-- proof signing key, VAPID keys). Private material never leaves the server.
CREATE TABLE node_keys (
  name text PRIMARY KEY,
  material jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
