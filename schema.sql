-- MenuVault vault schema, version 1: every version of a WeChat/Weibo custom menu, append-only.
-- The one source of truth: SwiftPM compiles this file into the library (.embedInCode in
-- Package.swift), which applies it as migration "v1", recorded in grdb_migrations.
-- Content is stored once under its SHA-256 (Fossil's blob); snapshots are a timeline pointing at it.
-- Times are UTC milliseconds since 1970-01-01; hashes are 32-byte SHA-256 digests (views show hex).
-- Readable with the plain sqlite3 command, e.g. an account's changes, newest first:
--   SELECT id, taken_at, source, hash FROM snapshot_view
--   WHERE account = 'NAME' AND is_change = 1 ORDER BY taken_at DESC, id DESC LIMIT 20;

-- 64 KiB pages (the largest) waste the least space around 1-2 KB blobs (only on an empty file).
PRAGMA page_size = 65536;
-- 0x4D6E5654 ('MnVT'): marks the file as a MenuVault vault; other databases are refused.
PRAGMA application_id = 1299076692;
-- The schema version; the library refuses a vault written by a newer one.
PRAGMA user_version = 1;

-- The ways a snapshot comes into the vault (snapshot.source holds the id). Fixed rows, written
-- here; no index on name (an index costs a 64 KiB page in every vault).
CREATE TABLE source (
  id INTEGER PRIMARY KEY, -- the small code stored in snapshot.source
  name TEXT NOT NULL -- the name shown in output and exports: create, get, selfmenu, ...
);
INSERT INTO source (id, name) VALUES
  (1, 'create'),
  (2, 'get'),
  (3, 'selfmenu'),
  (4, 'weibo-show'),
  (5, 'import'),
  (6, 'rollback');

-- How faithfully a snapshot's document can be published again, best first (snapshot.fidelity).
-- Fixed rows, written here.
CREATE TABLE fidelity (
  id INTEGER PRIMARY KEY, -- the rank stored in snapshot.fidelity: 0 is best
  name TEXT NOT NULL -- exact, converted, lossy or unpublishable
);
INSERT INTO fidelity (id, name) VALUES
  (0, 'exact'),
  (1, 'converted'),
  (2, 'lossy'),
  (3, 'unpublishable');

-- An official account whose menu the vault keeps; never holds a secret, only where to find one.
CREATE TABLE account (
  id INTEGER PRIMARY KEY, -- referenced by snapshot.account_id and operation.account_id
  name TEXT NOT NULL UNIQUE CHECK (name <> ''), -- the name given with --account
  platform TEXT NOT NULL CHECK (platform IN ('wechat', 'weibo')), -- whose menu API it speaks
  app_id TEXT, -- the platform's app id (WeChat appid, Weibo app key); NULL when not known
  label TEXT, -- a description for people
  api_base TEXT, -- base URL of the platform API when not the platform's own (a sandbox)
  secret_env TEXT, -- the NAME of the environment variable holding the app secret
  token_env TEXT, -- the NAME of the environment variable holding an access token
  token_command TEXT, -- a command that prints an access token (its output is never stored)
  created_at INTEGER NOT NULL, -- when the account was added (UTC ms)
  removed_at INTEGER -- when it was removed (UTC ms); NULL while active; its snapshots stay
);

-- Content stored once, keyed by the SHA-256 of its bytes: raw responses and normalized documents.
-- One row per hash: the library looks the hash up before storing, under the write lock.
CREATE TABLE blob (
  id INTEGER PRIMARY KEY, -- referenced by snapshot.content_id and snapshot.raw_id
  hash BLOB NOT NULL CHECK (length(hash) = 32), -- SHA-256 of content (32 bytes; blob_view shows hex)
  content BLOB NOT NULL -- the exact bytes (canonical RFC 8785 JSON, or raw bytes as received)
);

-- Finds a blob by its hash: keyed on the first 4 bytes (a fifth of a full-hash index), then the
-- full hash compared: WHERE substr(hash, 1, 4) = substr(?1, 1, 4) AND hash = ?1.
CREATE INDEX blob_by_hash ON blob (substr(hash, 1, 4));

-- The timeline: one row per created or fetched menu, pointing at its content. Append-only.
CREATE TABLE snapshot (
  id INTEGER PRIMARY KEY, -- the snapshot id shown by history and taken by show, diff, rollback
  account_id INTEGER NOT NULL REFERENCES account (id), -- whose menu this is
  taken_at INTEGER NOT NULL, -- when it was sent or received (UTC ms)
  source INTEGER NOT NULL REFERENCES source (id), -- how it came in (create, get, selfmenu, ...)
  content_id INTEGER NOT NULL REFERENCES blob (id), -- the normalized document (its hash: the content hash)
  raw_id INTEGER NOT NULL REFERENCES blob (id), -- the exact raw bytes (its hash: the raw hash)
  fidelity INTEGER NOT NULL REFERENCES fidelity (id), -- how faithfully it can be published again
  is_change INTEGER NOT NULL CHECK (is_change IN (0, 1)), -- 1 when content differs from the account's previous snapshot of the same source
  is_menu_open INTEGER CHECK (is_menu_open IN (0, 1)), -- the server's is_menu_open; NULL when not reported
  menu_ids TEXT, -- the server's menuids, comma-separated; NULL when none
  rollback_of INTEGER REFERENCES snapshot (id) -- the snapshot a rollback restored; NULL otherwise
);

-- An account's snapshots in time order: history, latest snapshot, restore's duplicate check.
CREATE INDEX snapshot_by_account ON snapshot (account_id, taken_at);

-- Only the changes: history's default view reads these and never the unchanged re-fetches.
CREATE INDEX snapshot_change_by_account ON snapshot (account_id, taken_at) WHERE is_change = 1;

-- History is append-only: a snapshot is never updated.
CREATE TRIGGER snapshot_no_update BEFORE UPDATE ON snapshot
BEGIN
  SELECT RAISE(ABORT, 'snapshot rows are append-only: a snapshot is never updated');
END;

-- History is append-only: a snapshot is never deleted.
CREATE TRIGGER snapshot_no_delete BEFORE DELETE ON snapshot
BEGIN
  SELECT RAISE(ABORT, 'snapshot rows are append-only: a snapshot is never deleted');
END;

-- Stored content never changes: a blob is never updated.
CREATE TRIGGER blob_no_update BEFORE UPDATE ON blob
BEGIN
  SELECT RAISE(ABORT, 'blob rows are append-only: stored content is never updated');
END;

-- Stored content never goes away: a blob is never deleted.
CREATE TRIGGER blob_no_delete BEFORE DELETE ON blob
BEGIN
  SELECT RAISE(ABORT, 'blob rows are append-only: stored content is never deleted');
END;

-- A publish, rollback or delete on an account (Helm's revision); a pending row is the account's lock.
CREATE TABLE operation (
  id INTEGER PRIMARY KEY, -- the operation's number
  account_id INTEGER NOT NULL REFERENCES account (id), -- the account it acts on
  kind TEXT NOT NULL CHECK (kind IN ('publish', 'rollback', 'delete')), -- what it does
  status TEXT NOT NULL CHECK (status IN ('pending', 'deployed', 'failed')), -- pending while under way, then deployed or failed
  started_at INTEGER NOT NULL, -- when it began (UTC ms)
  finished_at INTEGER, -- when it ended (UTC ms); NULL while pending
  holder TEXT, -- who runs it while pending (e.g. process id and host), to judge a stale lock
  step TEXT, -- the last step it reached (e.g. snapshot-live, create, addconditional, read-back)
  reason TEXT, -- why it failed or was cleared; NULL when deployed
  target_snapshot_id INTEGER REFERENCES snapshot (id), -- the snapshot whose menu it publishes (a rollback's target)
  before_snapshot_id INTEGER REFERENCES snapshot (id), -- the live menu snapshotted first: the safety net
  after_snapshot_id INTEGER REFERENCES snapshot (id), -- the menu read back afterwards
  CHECK ((status = 'pending') = (finished_at IS NULL))
);

-- The lock: at most one pending operation per account.
CREATE UNIQUE INDEX operation_pending_per_account ON operation (account_id) WHERE status = 'pending';

-- A finished operation is history: it is never changed.
CREATE TRIGGER operation_finished_no_update BEFORE UPDATE ON operation WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a finished operation is never changed');
END;

-- Operations are history: none is ever deleted.
CREATE TRIGGER operation_no_delete BEFORE DELETE ON operation
BEGIN
  SELECT RAISE(ABORT, 'operation rows are append-only: an operation is never deleted');
END;

-- Snapshots as people read them: names instead of codes, hex hashes, ISO-8601 times.
CREATE VIEW snapshot_view AS
SELECT
  s.id AS id,
  a.name AS account,
  a.platform AS platform,
  strftime('%Y-%m-%dT%H:%M:%fZ', s.taken_at / 1000.0, 'unixepoch') AS taken_at,
  src.name AS source,
  lower(hex(c.hash)) AS hash,
  lower(hex(r.hash)) AS raw_hash,
  f.name AS fidelity,
  s.is_change AS is_change,
  s.is_menu_open AS is_menu_open,
  s.menu_ids AS menu_ids,
  s.rollback_of AS rollback_of
FROM snapshot AS s
JOIN account AS a ON a.id = s.account_id
JOIN source AS src ON src.id = s.source
JOIN fidelity AS f ON f.id = s.fidelity
JOIN blob AS c ON c.id = s.content_id
JOIN blob AS r ON r.id = s.raw_id;

-- Stored content as people read it: hex hash, size, and the bytes as text.
CREATE VIEW blob_view AS
SELECT id, lower(hex(hash)) AS hash, length(content) AS size, CAST(content AS TEXT) AS text
FROM blob;
