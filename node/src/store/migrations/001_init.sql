-- The node's schema. PostgreSQL dialect; runs unchanged on PGlite.

CREATE TABLE apps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  public_id text UNIQUE NOT NULL,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'blocked')),
  api_key_hash text UNIQUE NOT NULL,
  secret_hash text NOT NULL,
  origins text[] NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{}',
  pin_pepper bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE facial_ids (
  id uuid PRIMARY KEY,
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  payload jsonb,
  pin_hash text,
  pin_digest text,
  gender text,
  age real,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
-- Keyset paging of an app's facial IDs (ORDER BY created_at, id).
CREATE INDEX facial_ids_app_created_idx ON facial_ids (app_id, created_at, id);
-- PIN-uniqueness checks.
CREATE INDEX facial_ids_app_pin_digest_idx ON facial_ids (app_id, pin_digest);

CREATE TABLE templates (
  id bigserial PRIMARY KEY,
  facial_id uuid NOT NULL REFERENCES facial_ids (id) ON DELETE CASCADE,
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  vector bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Loading an app's index at start.
CREATE INDEX templates_app_idx ON templates (app_id);
-- Deleting a facial ID cascades here: without this index every delete scans all templates.
CREATE INDEX templates_facial_id_idx ON templates (facial_id);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  kind text NOT NULL,
  outcome text NOT NULL,
  code int,
  at timestamptz NOT NULL DEFAULT now()
);
-- App statistics over a time range.
CREATE INDEX events_app_at_idx ON events (app_id, at);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  app_id uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  event text NOT NULL,
  url text NOT NULL,
  body jsonb NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status int,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
-- The delivery worker's "due" scan.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
