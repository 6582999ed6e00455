import Foundation
import GRDB
import MenuVaultCore
import MenuVaultJSON

extension VaultStore {
  /// Every active account's state (or the named accounts', active or not) in name order: one
  /// read transaction of four queries, however many accounts there are.
  ///
  /// - Parameter names: Only these accounts; `nil` for every active account.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` for a name that is no account.
  package func accountStates(names: [String]? = nil) throws -> [AccountStateRecord] {
    try writer.read { db in
      var filter: SQL = "account.removed_at IS NULL"
      if let names { filter = "account.name IN \(names)" }
      let rows = try Row.fetchAll(
        db,
        SQLRequest<Row>(
          literal: """
            SELECT \(sql: Self.accountColumns),
              st.live_snapshot_id, st.reference_snapshot_id, st.reference_operation_id,
              coalesce(st.changes, 0) AS changes, st.last_attempt_at, st.last_error,
              coalesce(st.consecutive_failures, 0) AS consecutive_failures, st.next_pull_at,
              (SELECT o.id FROM operation AS o
                WHERE o.account_id = account.id AND o.status = \(VaultOperation.Status.pending))
                AS pending_operation_id,
              (SELECT max(o.id) FROM operation AS o WHERE o.account_id = account.id)
                AS last_operation_id
            FROM account LEFT JOIN account_state AS st ON st.account_id = account.id
            WHERE \(filter)
            ORDER BY account.name
            """))
      if let names, let missing = Set(names).subtracting(rows.map { $0["name"] }).sorted().first {
        throw VaultStoreError.accountNotFound(name: missing)
      }
      let snapshotIDs: [Int64] = rows.flatMap { row in
        [row["live_snapshot_id"], row["reference_snapshot_id"]].compactMap { $0 }
      }
      let operationIDs: [Int64] = rows.flatMap { row in
        [row["reference_operation_id"], row["pending_operation_id"], row["last_operation_id"]]
          .compactMap { $0 }
      }
      let snapshots = try Self.snapshotInfos(db, ids: snapshotIDs)
      let operations = Dictionary(
        try Self.fetchOperations(db, .ids(operationIDs)).map { ($0.id, $0) },
        uniquingKeysWith: { first, _ in first })
      return try rows.map { row in
        let lastAttempt: Int64? = row["last_attempt_at"]
        let nextPull: Int64? = row["next_pull_at"]
        return AccountStateRecord(
          account: try Self.account(row),
          live: (row["live_snapshot_id"] as Int64?).flatMap { snapshots[$0] },
          reference: (row["reference_snapshot_id"] as Int64?).flatMap { snapshots[$0] },
          referenceOperation: (row["reference_operation_id"] as Int64?).flatMap { operations[$0] },
          pendingOperation: (row["pending_operation_id"] as Int64?).flatMap { operations[$0] },
          lastOperation: (row["last_operation_id"] as Int64?).flatMap { operations[$0] },
          changes: row["changes"], lastAttemptAt: lastAttempt.map(Timestamp.init),
          lastError: row["last_error"], consecutiveFailures: row["consecutive_failures"],
          nextPullAt: nextPull.map(Timestamp.init))
      }
    }
  }

  /// Notes a pull of `account` that failed at `time` with `message` (one line, secrets already
  /// redacted): one more consecutive failure.
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func recordPullFailure(account: String, message: String, at time: Timestamp = .now())
    throws
  {
    try writer.write { db in
      let accountID = try Self.accountID(db, name: account)
      try Self.refreshAccountState(db, accountID: accountID, pulledAt: nil)
      try db.execute(
        literal: """
          UPDATE account_state SET last_attempt_at = \(time.millisecondsSince1970),
            last_error = \(message), consecutive_failures = consecutive_failures + 1
          WHERE account_id = \(accountID)
          """)
    }
  }

  /// Notes when the watcher means to pull each account next (`nil`: nothing planned), in one
  /// transaction; names that are no account are skipped (removed while the watcher ran).
  package func scheduleNextPulls(_ plan: [String: Timestamp?]) throws {
    guard !plan.isEmpty else { return }
    try writer.write { db in
      let statement = try db.cachedStatement(
        sql: """
          UPDATE account_state SET next_pull_at = ?
          WHERE account_id = (SELECT id FROM account WHERE name = ?)
          """)
      for (name, time) in plan.sorted(by: { $0.key < $1.key }) {
        try statement.execute(arguments: [time?.millisecondsSince1970, name])
      }
    }
  }

  /// Brings `accountID`'s `account_state` row up to date from its snapshots and operations,
  /// inside the caller's write transaction: live is the last pull's read by ``LiveRead``'s
  /// rule; the reference is the read-back of the last finished operation that read one back,
  /// else the snapshot of the same read before live; `changes` counts the changes. A pull that
  /// succeeded at `pulledAt` (not older than the last attempt) clears the failures.
  static func refreshAccountState(_ db: Database, accountID: Int64, pulledAt: Int64?) throws {
    guard
      let platformName = try String.fetchOne(
        db, sql: "SELECT platform FROM account WHERE id = ?", arguments: [accountID]),
      let platform = Platform(rawValue: platformName)
    else { throw VaultStoreError.corruptRow(table: "account", id: accountID, column: "platform") }
    let codes = LiveRead.sources(platform).map(\.code)
    var live: (id: Int64, takenAt: Int64, source: SnapshotSource)?
    if let newest = try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT taken_at FROM snapshot WHERE account_id = ? AND source IN (\(codes.sqlList))
          ORDER BY taken_at DESC LIMIT 1
          """),
      arguments: [accountID])
    {
      let reads = try Row.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT s.id, s.source, c.hash FROM snapshot AS s JOIN blob AS c ON c.id = s.content_id
            WHERE s.account_id = ? AND s.taken_at = ? AND s.source IN (\(codes.sqlList))
            ORDER BY s.id DESC
            """),
        arguments: [accountID, newest]
      ).compactMap { row -> (id: Int64, takenAt: Int64, source: SnapshotSource, hash: String)? in
        guard let source = SnapshotSource(code: row[1]) else { return nil }
        return (row[0], newest, source, Hex.encode(row[2] as Data))
      }
      live = LiveRead.choose(reads, source: \.source, contentHash: \.hash).map {
        ($0.id, $0.takenAt, $0.source)
      }
    }
    var reference: (snapshotID: Int64, operationID: Int64?)?
    if let row = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT id, after_snapshot_id FROM operation
          WHERE account_id = ? AND status <> '\(VaultOperation.Status.pending.rawValue)'
            AND after_snapshot_id IS NOT NULL
          ORDER BY id DESC LIMIT 1
          """),
      arguments: [accountID])
    {
      reference = (row[1], row[0])
    } else if let live,
      let previous = try Int64.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT id FROM snapshot
            WHERE account_id = ? AND source = ? AND (taken_at, id) < (?, ?)
            ORDER BY taken_at DESC, id DESC LIMIT 1
            """),
        arguments: [accountID, live.source.code, live.takenAt, live.id])
    {
      reference = (previous, nil)
    }
    let changes =
      try Int.fetchOne(
        db.cachedStatement(
          sql: "SELECT count(*) FROM snapshot WHERE account_id = ? AND is_change = 1"),
        arguments: [accountID]) ?? 0
    try db.execute(
      literal: """
        INSERT INTO account_state (account_id, live_snapshot_id, reference_snapshot_id,
          reference_operation_id, changes)
        VALUES (\(accountID), \(live?.id), \(reference?.snapshotID), \(reference?.operationID),
          \(changes))
        ON CONFLICT (account_id) DO UPDATE SET live_snapshot_id = excluded.live_snapshot_id,
          reference_snapshot_id = excluded.reference_snapshot_id,
          reference_operation_id = excluded.reference_operation_id, changes = excluded.changes
        """)
    if let pulledAt {
      try db.execute(
        literal: """
          UPDATE account_state SET last_attempt_at = \(pulledAt), last_error = NULL,
            consecutive_failures = 0
          WHERE account_id = \(accountID) AND coalesce(last_attempt_at, 0) <= \(pulledAt)
          """)
    }
  }

  /// The snapshots with these ids, by id.
  static func snapshotInfos(_ db: Database, ids: [Int64]) throws -> [Int64: SnapshotInfo] {
    guard !ids.isEmpty else { return [:] }
    let statement = try db.makeStatement(
      sql: "\(snapshotInfoSelect) WHERE s.id IN (\(Set(ids).sorted().sqlList))")
    return Dictionary(
      try fetchSnapshotInfos(statement, arguments: []).map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
  }
}

extension Sequence<Int64> {
  /// The numbers as an SQL list, `1, 2, 3`: integers only, so nothing can be injected.
  var sqlList: String { map(String.init).joined(separator: ", ") }
}
