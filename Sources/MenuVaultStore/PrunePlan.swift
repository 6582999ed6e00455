import Foundation
import GRDB

/// What a prune removes, worked out from one state of the vault by reads alone, so that a dry
/// run (in a read transaction) and a prune (in its write transaction, which then deletes
/// exactly these rows) count the same.
///
/// A snapshot goes when it is an unchanged re-fetch (`is_change = 0`, from `get`, `selfmenu` or
/// `weibo-show`) taken before the cutoff whose neighbours in its account's reads from the same
/// source, by (`taken_at`, `id`), both hold the same content: the first and the last snapshot of
/// every unchanged run stay, so the history still shows when each state was first and last
/// seen. Whatever a row of the vault refers to stays too (an operation's snapshots, a rollback's
/// target, an account's live and reference snapshots: every foreign key to `snapshot`), and so
/// do the snapshot just before the first of each source's reads in its account (the one the
/// first was compared with) and the vault's newest snapshot (whose id the next snapshot would
/// otherwise get). A blob goes when no snapshot that stays refers to it.
///
/// Why `is_change` stays right: it compares a snapshot's content with the previous snapshot of
/// the same source. A removed snapshot has the same content as both its neighbours, so every
/// snapshot that stays is compared with the same content as before; the first of a source,
/// compared with the snapshot before it of any source, keeps that one.
struct PrunePlan {
  /// The snapshots to remove, by id, ascending.
  private(set) var snapshotIDs: [Int64] = []
  /// The blobs to remove, by id, ascending.
  private(set) var blobIDs: [Int64] = []
  /// The accounts the snapshots belong to.
  private(set) var accountIDs: Set<Int64> = []
  /// What goes, by account name and in total.
  private(set) var outcome = PruneOutcome(byAccount: [:], total: PrunedRows())

  /// The sources of the re-fetches that may go: `get`, `selfmenu`, `weibo-show`.
  static let prunableSources = LiveRead.allSources.map(\.code)

  /// Works the plan out inside `db`'s current transaction.
  ///
  /// - Parameters:
  ///   - cutoff: Only snapshots taken before this time go.
  ///   - accountIDs: Only these accounts' snapshots go; `nil` for every account's.
  init(_ db: Database, cutoff: Timestamp, accountIDs: [Int64]?) throws {
    let references = try Self.references(db)
    var kept = Set<Int64>()
    // The newest snapshot of the vault stays: SQLite gives a deleted highest rowid to the next
    // row, and a snapshot id must always name the same bytes (pages cache them for good).
    if let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM snapshot") {
      kept.insert(newest)
    }
    for (table, column) in references.toSnapshot {
      kept.formUnion(
        try Int64.fetchAll(
          db,
          sql: "SELECT \(column.quotedDatabaseIdentifier) FROM \(table.quotedDatabaseIdentifier) "
            + "WHERE \(column.quotedDatabaseIdentifier) IS NOT NULL"))
    }
    var candidates: [Int64] = []
    for row in try Self.candidateRows(db, cutoff: cutoff, accountIDs: accountIDs) {
      if row.isFirstOfSource {
        if let previous = try Self.previousSnapshot(db, row) { kept.insert(previous) }
      } else {
        candidates.append(row.id)
      }
    }
    snapshotIDs = candidates.filter { !kept.contains($0) }.sorted()
    try countRemovals(db, references: references)
  }

  // MARK: - Snapshots

  /// A snapshot the ordered pass returned: a candidate, or the first of its source's reads.
  private struct CandidateRow {
    var id: Int64
    var accountID: Int64
    var takenAt: Int64
    var isFirstOfSource: Bool
  }

  /// One snapshot as the ordered pass reads it.
  private struct Read {
    var id: Int64
    var accountID: Int64
    var source: Int64
    var takenAt: Int64
    var contentID: Int64
    /// An unchanged re-fetch before the cutoff that is no rollback: it may go if its
    /// neighbours allow.
    var mayGo: Bool

    /// Whether `other` is a read of the same account from the same source.
    func sameStream(_ other: Read?) -> Bool {
      other.map { $0.accountID == accountID && $0.source == source } ?? false
    }
  }

  /// The unchanged re-fetches before the cutoff whose neighbours from the same source hold the
  /// same content (SQL's `lag` and `lead` over each account's reads by source and time, taken
  /// here from one sorted pass: SQLite's window operators cost three times the sort), and the
  /// first snapshot of every account's every source.
  private static func candidateRows(_ db: Database, cutoff: Timestamp, accountIDs: [Int64]?)
    throws -> [CandidateRow]
  {
    let filter = accountIDs.map { "WHERE account_id IN (\($0.sqlList))" } ?? ""
    let statement = try RawStatement(
      db,
      sql: """
        SELECT id, account_id, source, taken_at, content_id,
          source IN (\(prunableSources.sqlList)) AND is_change = 0 AND rollback_of IS NULL
            AND taken_at < ?1
        FROM snapshot \(filter)
        ORDER BY account_id, source, taken_at, id
        """)
    defer { statement.reset() }
    statement.bind(1, cutoff.millisecondsSince1970)
    var rows: [CandidateRow] = []
    func consider(_ read: Read, after previous: Read?, before next: Read?) {
      guard let previous, read.sameStream(previous) else {
        rows.append(
          CandidateRow(
            id: read.id, accountID: read.accountID, takenAt: read.takenAt, isFirstOfSource: true))
        return
      }
      if read.mayGo, previous.contentID == read.contentID, let next, read.sameStream(next),
        next.contentID == read.contentID
      {
        rows.append(
          CandidateRow(
            id: read.id, accountID: read.accountID, takenAt: read.takenAt, isFirstOfSource: false))
      }
    }
    var previous: Read?
    var current: Read?
    while try statement.step() {
      let next = Read(
        id: statement.int64(0), accountID: statement.int64(1), source: statement.int64(2),
        takenAt: statement.int64(3), contentID: statement.int64(4),
        mayGo: statement.int64(5) != 0)
      if let current { consider(current, after: previous, before: next) }
      (previous, current) = (current, next)
    }
    if let current { consider(current, after: previous, before: nil) }
    return rows
  }

  /// The snapshot of any source just before `row` in its account, by (`taken_at`, `id`): what
  /// the first snapshot of a source was compared with when it was recorded.
  private static func previousSnapshot(_ db: Database, _ row: CandidateRow) throws -> Int64? {
    try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT id FROM snapshot WHERE account_id = ? AND (taken_at, id) < (?, ?)
          ORDER BY taken_at DESC, id DESC LIMIT 1
          """),
      arguments: [row.accountID, row.takenAt, row.id])
  }

  // MARK: - Counting, and the blobs

  /// Counts what goes by account, and finds the blobs that no remaining snapshot refers to:
  /// one pass over the snapshot table in rowid order beside the sorted candidates.
  private mutating func countRemovals(_ db: Database, references: References) throws {
    let names = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM account").map {
        (row: Row) -> (Int64, String) in (row[0], row[1])
      })
    var byAccount: [Int64: PrunedRows] = [:]
    // Every blob a remaining row refers to, and for each blob a removed snapshot refers to, the
    // first such account by name (the account its removal is counted for).
    var referenced = Set<Int64>()
    var removedBy: [Int64: Int64] = [:]
    for (table, column) in references.toBlob where table != "snapshot" {
      referenced.formUnion(
        try Int64.fetchAll(
          db,
          sql: "SELECT \(column.quotedDatabaseIdentifier) FROM \(table.quotedDatabaseIdentifier) "
            + "WHERE \(column.quotedDatabaseIdentifier) IS NOT NULL"))
    }
    let blobColumns = references.toBlob.filter { $0.table == "snapshot" }.map(\.column)
    let scan = try RawStatement(
      db,
      sql: """
        SELECT id, account_id, taken_at, source, content_id, raw_id, fidelity, is_change,
          is_menu_open, length(menu_ids), rollback_of
          \(blobColumns.map { ", " + $0.quotedDatabaseIdentifier }.joined())
        FROM snapshot ORDER BY id
        """)
    defer { scan.reset() }
    var next = snapshotIDs.startIndex
    while try scan.step() {
      let id = scan.int64(0)
      while next < snapshotIDs.endIndex, snapshotIDs[next] < id { next += 1 }
      let isRemoved = next < snapshotIDs.endIndex && snapshotIDs[next] == id
      let accountID = scan.int64(1)
      for index in blobColumns.indices where !scan.isNull(Int32(11 + index)) {
        let blob = scan.int64(Int32(11 + index))
        if !isRemoved {
          referenced.insert(blob)
        } else if let first = removedBy[blob], names[first] ?? "" <= names[accountID] ?? "" {
          continue
        } else {
          removedBy[blob] = accountID
        }
      }
      guard isRemoved else { continue }
      accountIDs.insert(accountID)
      byAccount[accountID, default: PrunedRows()].snapshots += 1
      byAccount[accountID, default: PrunedRows()].bytes += Self.snapshotBytes(scan)
    }
    var orphans = PrunedRows()
    let sizes = try db.cachedStatement(
      sql: "SELECT length(hash), length(content) FROM blob WHERE id = ?")
    for blob in try Int64.fetchAll(db, sql: "SELECT id FROM blob ORDER BY id")
    where !referenced.contains(blob) {
      blobIDs.append(blob)
      guard let row = try Row.fetchOne(sizes, arguments: [blob]) else { continue }
      let bytes = Self.blobBytes(id: blob, hashLength: row[0], contentLength: row[1])
      if let accountID = removedBy[blob] {
        byAccount[accountID, default: PrunedRows()].blobs += 1
        byAccount[accountID, default: PrunedRows()].bytes += bytes
      } else {
        orphans.blobs += 1
        orphans.bytes += bytes
      }
    }
    for (accountID, removed) in byAccount {
      guard let name = names[accountID] else { continue }
      outcome.byAccount[name] = removed
      outcome.total.snapshots += removed.snapshots
      outcome.total.blobs += removed.blobs
      outcome.total.bytes += removed.bytes
    }
    outcome.total.blobs += orphans.blobs
    outcome.total.bytes += orphans.bytes
  }

  /// The bytes a snapshot row of the scan takes: its record in `snapshot` and its entry in
  /// `snapshot_by_account` (a re-fetch has none in the partial indexes of changes and of
  /// rollbacks).
  private static func snapshotBytes(_ scan: RawStatement) -> Int64 {
    func integer(_ column: Int32) -> RecordSize.Value {
      scan.isNull(column) ? .null : .integer(scan.int64(column))
    }
    let id = scan.int64(0)
    let record = RecordSize.tableCell(
      rowid: id,
      [
        .null, integer(1), integer(2), integer(3), integer(4), integer(5), integer(6),
        integer(7), integer(8), scan.isNull(9) ? .null : .text(scan.int64(9)), integer(10),
      ])
    return record + RecordSize.indexCell([integer(1), integer(2), .integer(id)])
  }

  /// The bytes a blob row takes: its record in `blob` and its entry in `blob_by_hash` (the
  /// hash's first 4 bytes).
  private static func blobBytes(id: Int64, hashLength: Int64, contentLength: Int64) -> Int64 {
    RecordSize.tableCell(rowid: id, [.null, .blob(hashLength), .blob(contentLength)])
      + RecordSize.indexCell([.blob(min(4, hashLength)), .integer(id)])
  }

  // MARK: - What refers to what

  /// The columns that refer to snapshots and to blobs, from the schema's foreign keys: whatever
  /// a later schema adds that points at a snapshot keeps it, and at a blob keeps that.
  struct References {
    var toSnapshot: [(table: String, column: String)]
    var toBlob: [(table: String, column: String)]
  }

  static func references(_ db: Database) throws -> References {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT m.name, f."from", f."table"
        FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
        WHERE m.type = 'table' AND f."table" IN ('snapshot', 'blob')
        ORDER BY m.name, f.id
        """)
    var references = References(toSnapshot: [], toBlob: [])
    for row in rows {
      let reference: (table: String, column: String) = (row[0], row[1])
      if (row[2] as String) == "snapshot" {
        references.toSnapshot.append(reference)
      } else {
        references.toBlob.append(reference)
      }
    }
    return references
  }
}
