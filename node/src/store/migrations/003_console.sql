-- The console (issue 14): how long each session took to reach its verdict, for p50/p95 per day.
-- Milliseconds from the session's first frame to its verdict, without the time spent waiting for
-- the person to type a PIN; NULL for rows recorded before this column existed and for events that
-- are not session verdicts (deletions, retention).
ALTER TABLE events ADD COLUMN duration_ms int;
