import Foundation
import GRDB

extension VaultStore {
  /// Removes the unchanged re-fetches taken before `cutoff` that history does not need, then
  /// the content no snapshot refers to any more, in one write transaction (``PrunePlan`` says
  /// which: every change, create, import and rollback stays, and so do the first and last
  /// snapshot of every unchanged run and every snapshot something refers to).
  ///
  /// The transaction takes the write lock up front and turns SQLite's per-row foreign-key
  /// lookups off, as recording does: the plan keeps every snapshot a foreign key points at, the
  /// schema's `snapshot_change_no_delete` trigger refuses to delete a change or anything an
  /// operation, a rollback or an account's state refers to, and the blobs go by one query that
  /// keeps every blob a snapshot refers to. The state of every account it removed snapshots
  /// from is brought up to date in the same transaction (it does not change: its live and
  /// reference snapshots stay).
  ///
  /// - Parameters:
  ///   - cutoff: Only snapshots taken before this time are removed.
  ///   - accounts: Only these accounts' snapshots; `nil` for every account's (removed accounts
  ///     included). Blobs are shared, so any blob no snapshot refers to goes either way.
  ///   - dryRun: Work out and count what would go, in a read transaction, and change nothing:
  ///     on a store opened with ``openForReading(path:)`` the file is left byte for byte.
  /// - Returns: What was (or would be) removed, by account and in total.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func prune(before cutoff: Timestamp, accounts: [String]? = nil, dryRun: Bool = false)
    throws -> PruneOutcome
  {
    func plan(_ db: Database) throws -> PrunePlan {
      let accountIDs = try accounts.map { names in
        try names.map { try Self.accountID(db, name: $0) }
      }
      return try PrunePlan(db, cutoff: cutoff, accountIDs: accountIDs)
    }
    if dryRun {
      return try writer.read { db in try plan(db).outcome }
    }
    return try writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      var result: PruneOutcome?
      try db.inTransaction(.immediate) {
        let plan = try plan(db)
        try Self.remove(db, plan)
        for accountID in plan.accountIDs.sorted() {
          try Self.refreshAccountState(db, accountID: accountID, pulledAt: nil)
        }
        result = plan.outcome
        return .commit
      }
      guard let result else { throw DatabaseError(message: "the write transaction was not run") }
      return result
    }
  }

  /// Deletes the plan's snapshots with one statement (the trigger checks each row), then every
  /// blob that no row refers to with another, which must find the blobs the plan counted.
  ///
  /// One statement rather than one per snapshot: a statement that a trigger may abort keeps a
  /// journal of the pages it changes, to undo them alone, and a statement per row copied two
  /// 64 KiB pages per row (4,000,000 writes for a million rows, most of the time spent).
  private static func remove(_ db: Database, _ plan: PrunePlan) throws {
    try db.execute(
      sql: """
        DROP TABLE IF EXISTS temp.prune_snapshot;
        CREATE TEMP TABLE prune_snapshot (id INTEGER PRIMARY KEY);
        """)
    let insert = try RawStatement(db, sql: "INSERT INTO temp.prune_snapshot (id) VALUES (?)")
    for id in plan.snapshotIDs {
      defer { insert.reset() }
      insert.bind(1, id)
      _ = try insert.step()
    }
    try db.execute(sql: "DELETE FROM snapshot WHERE id IN (SELECT id FROM temp.prune_snapshot)")
    let deleted = db.changesCount
    try db.execute(sql: "DROP TABLE temp.prune_snapshot")
    guard deleted == plan.snapshotIDs.count else {
      throw DatabaseError(
        message:
          "\(plan.snapshotIDs.count) unchanged snapshot(s) were to be removed but the delete "
          + "found \(deleted): nothing was removed")
    }
    let references = try PrunePlan.references(db).toBlob.map { table, column in
      let column = column.quotedDatabaseIdentifier
      return "SELECT \(column) FROM \(table.quotedDatabaseIdentifier) WHERE \(column) IS NOT NULL"
    }
    guard !references.isEmpty else { return }
    try db.execute(
      sql: "DELETE FROM blob WHERE id NOT IN (\(references.joined(separator: " UNION ")))")
    guard db.changesCount == plan.blobIDs.count else {
      throw DatabaseError(
        message:
          "\(plan.blobIDs.count) blob(s) no snapshot refers to were counted but the delete "
          + "found \(db.changesCount): nothing was removed")
    }
  }
}
