-- MenuVault vault schema, version 2 (migration "v2", applied after schema.sql in one transaction):
-- each account's state kept current, and retention (a change is never deleted; an unchanged
-- re-fetch may be, by `menuvault prune`).

PRAGMA user_version = 2;

-- What the vault keeps current about each account, so that the state of every account (the
-- overview of thousands, `status`, the watcher, the metrics) is one read. Every pull and every
-- operation updates its account's row in the transaction that records it.
CREATE TABLE account_state (
  account_id INTEGER PRIMARY KEY REFERENCES account (id), -- the account
  live_snapshot_id INTEGER REFERENCES snapshot (id), -- the read of the last pull that holds the live menu; NULL when never pulled
  reference_snapshot_id INTEGER REFERENCES snapshot (id), -- what live is compared with; NULL before there is one
  reference_operation_id INTEGER REFERENCES operation (id), -- the operation whose read-back is the reference; NULL when it is the pull before
  changes INTEGER NOT NULL DEFAULT 0 CHECK (changes >= 0), -- how many of the account's snapshots are changes
  last_attempt_at INTEGER, -- when a pull was last tried (UTC ms), whatever came of it
  last_error TEXT, -- the last failed pull's one-line error, secrets redacted; NULL after a success
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0), -- failed pulls since the last good one
  next_pull_at INTEGER -- when the watcher means to pull next (UTC ms); NULL when nothing is planned
);

-- A rollback's target, found without reading every snapshot (few rows: rollbacks only).
CREATE INDEX snapshot_by_rollback_target ON snapshot (rollback_of) WHERE rollback_of IS NOT NULL;

-- An account's operations, for the check below (a few rows per account).
CREATE INDEX operation_by_account ON operation (account_id);

-- History keeps every change: a change, a create, a rollback, a rollback's target, a snapshot an
-- operation took, sent or read back, and an account's live and reference snapshots are never
-- deleted. Only an unchanged re-fetch nothing points at may go.
DROP TRIGGER snapshot_no_delete;
CREATE TRIGGER snapshot_change_no_delete BEFORE DELETE ON snapshot
WHEN OLD.is_change = 1 OR OLD.source IN (1, 6) OR OLD.rollback_of IS NOT NULL
  OR EXISTS (SELECT 1 FROM snapshot WHERE rollback_of = OLD.id)
  OR EXISTS (
    SELECT 1 FROM operation
    WHERE account_id = OLD.account_id
      AND OLD.id IN (target_snapshot_id, before_snapshot_id, after_snapshot_id))
  OR EXISTS (
    SELECT 1 FROM account_state
    WHERE account_id = OLD.account_id AND OLD.id IN (live_snapshot_id, reference_snapshot_id))
BEGIN
  SELECT RAISE(ABORT, 'a change is never deleted: only an unchanged re-fetch nothing refers to may be pruned');
END;

-- Stored content goes only with the last snapshot that points at it. The snapshot's foreign
-- keys refuse to delete a blob a snapshot points at (every connection the library opens has
-- foreign keys on); prune removes the blobs no snapshot refers to in the transaction that
-- removes those snapshots, and `verify` checks that every snapshot's bytes are there.
DROP TRIGGER blob_no_delete;
