import Foundation
import GRDB
import MenuVaultCore
import MenuVaultJSON

extension VaultStore {
  /// An account's snapshots, newest first (by `takenAt`, then by id).
  ///
  /// - Parameters:
  ///   - account: The account's name.
  ///   - limit: At most this many snapshots; `nil` for all.
  ///   - changesOnly: Only the snapshots whose content differed from the one before (the
  ///     default, read from an index that holds no unchanged re-fetches); `false` for every one.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func history(account: String, limit: Int? = nil, changesOnly: Bool = true) throws
    -> [SnapshotInfo]
  {
    try history(
      account: account, before: nil, after: nil, limit: limit ?? -1, changesOnly: changesOnly)
  }

  /// The snapshot with this id, or `nil` when there is none.
  package func snapshot(id: Int64) throws -> SnapshotInfo? {
    try writer.read { db in
      let statement = try db.cachedStatement(sql: "\(Self.snapshotInfoSelect) WHERE s.id = ?")
      return try Self.fetchSnapshotInfos(statement, arguments: [id]).first
    }
  }

  /// The account's latest snapshot (by `takenAt`, then by id), or `nil` when it has none.
  ///
  /// - Parameters:
  ///   - account: The account's name.
  ///   - source: Only snapshots that came in this way (e.g. the latest `.selfmenu`); `nil` for any.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func latestSnapshot(account: String, source: SnapshotSource? = nil) throws
    -> SnapshotInfo?
  {
    try history(
      account: account, before: nil, after: nil, limit: 1, changesOnly: false, source: source
    ).first
  }

  /// The snapshots of the account's newest read among `sources`: every snapshot from those
  /// sources taken at the newest time any of them was taken (one pull records `menu/get` and
  /// the website menu at the same time), newest id first; empty when there is none.
  ///
  /// One walk back through the account's snapshots to the newest of those sources, however many
  /// snapshots of other sources follow it, where asking for each source's latest would walk the
  /// whole history for a source the account never had.
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func lastRead(account: String, sources: [SnapshotSource]) throws -> [SnapshotInfo] {
    guard !sources.isEmpty else { return [] }
    return try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      let codes = sources.map { String($0.code) }.joined(separator: ", ")
      guard
        let newest = try Int64.fetchOne(
          db.cachedStatement(
            sql: """
              SELECT taken_at FROM snapshot WHERE account_id = ? AND source IN (\(codes))
              ORDER BY taken_at DESC LIMIT 1
              """),
          arguments: [accountID])
      else { return [] }
      let statement = try db.cachedStatement(
        sql: """
          \(Self.snapshotInfoSelect)
          WHERE s.account_id = ? AND s.taken_at = ? AND s.source IN (\(codes))
          ORDER BY s.id DESC
          """)
      return try Self.fetchSnapshotInfos(statement, arguments: [accountID, newest])
    }
  }

  /// The exact raw bytes of a snapshot, as sent or received.
  ///
  /// - Throws: ``VaultStoreError/snapshotNotFound(id:)`` or a `DatabaseError`.
  package func rawBytes(snapshotID: Int64) throws -> [UInt8] {
    try blobBytes(snapshotID: snapshotID, column: "raw_id")
  }

  /// The canonical (RFC 8785) bytes of a snapshot's normalized document.
  ///
  /// - Throws: ``VaultStoreError/snapshotNotFound(id:)`` or a `DatabaseError`.
  package func canonicalBytes(snapshotID: Int64) throws -> [UInt8] {
    try blobBytes(snapshotID: snapshotID, column: "content_id")
  }

  /// The stored bytes whose SHA-256 is `hash` (64 hex digits), or `nil` when the vault has none.
  package func blob(hash: String) throws -> [UInt8]? {
    guard let digest = ContentHash.digest(hex: hash) else { return nil }
    return try writer.read { db in
      let statement = try db.cachedStatement(
        sql: "SELECT content FROM blob WHERE substr(hash, 1, 4) = substr(?1, 1, 4) AND hash = ?1")
      return try Data.fetchOne(statement, arguments: [Data(digest)]).map { [UInt8]($0) }
    }
  }

  /// How many snapshots an account has (`changesOnly`: how many of them are changes).
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func snapshotCount(account: String, changesOnly: Bool = false) throws -> Int {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      let changes = changesOnly ? "AND is_change = 1" : ""
      return try Int.fetchOne(
        db, sql: "SELECT count(*) FROM snapshot WHERE account_id = ? \(changes)",
        arguments: [accountID]) ?? 0
    }
  }

  // MARK: - Shared by the readers

  private func blobBytes(snapshotID: Int64, column: String) throws -> [UInt8] {
    try writer.read { db in
      let statement = try db.cachedStatement(
        sql:
          "SELECT b.content FROM snapshot AS s JOIN blob AS b ON b.id = s.\(column) WHERE s.id = ?"
      )
      guard let data = try Data.fetchOne(statement, arguments: [snapshotID]) else {
        throw VaultStoreError.snapshotNotFound(id: snapshotID)
      }
      return [UInt8](data)
    }
  }

  static func accountID(_ db: Database, name: String) throws -> Int64 {
    let statement = try db.cachedStatement(sql: "SELECT id FROM account WHERE name = ?")
    guard let id = try Int64.fetchOne(statement, arguments: [name]) else {
      throw VaultStoreError.accountNotFound(name: name)
    }
    return id
  }

  static let snapshotInfoSelect = """
    SELECT s.id, a.name, a.platform, s.taken_at, s.source, c.hash, r.hash, s.fidelity,
      s.is_change, s.menu_ids, s.is_menu_open, s.rollback_of
    FROM snapshot AS s
    JOIN account AS a ON a.id = s.account_id
    JOIN blob AS c ON c.id = s.content_id
    JOIN blob AS r ON r.id = s.raw_id
    """

  static func fetchSnapshotInfos(_ statement: Statement, arguments: StatementArguments) throws
    -> [SnapshotInfo]
  {
    var infos: [SnapshotInfo] = []
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try rows.next() {
      infos.append(try snapshotInfo(row))
    }
    return infos
  }

  /// A snapshot's metadata from a row of ``snapshotInfoSelect``.
  static func snapshotInfo(_ row: Row) throws -> SnapshotInfo {
    let id: Int64 = row[0]
    let platformName: String = row[2]
    guard let platform = Platform(rawValue: platformName) else {
      throw VaultStoreError.corruptRow(table: "account", id: id, column: "platform")
    }
    guard let source = SnapshotSource(code: row[4]) else {
      throw VaultStoreError.corruptRow(table: "snapshot", id: id, column: "source")
    }
    guard let fidelity = Fidelity(code: row[7]) else {
      throw VaultStoreError.corruptRow(table: "snapshot", id: id, column: "fidelity")
    }
    let contentHash: Data = row[5]
    let rawHash: Data = row[6]
    let menuIDs: String? = row[9]
    let isMenuOpen: Int64? = row[10]
    return SnapshotInfo(
      id: id, account: row[1], platform: platform,
      takenAt: Timestamp(millisecondsSince1970: row[3]), source: source,
      contentHash: Hex.encode(contentHash), rawHash: Hex.encode(rawHash), fidelity: fidelity,
      isChange: (row[8] as Int64) != 0,
      menuIDs: menuIDs.map { $0.split(separator: ",").map(String.init) } ?? [],
      isMenuOpen: isMenuOpen.map { $0 != 0 }, rollbackOf: row[11])
  }
}

// MARK: - Keyset pages

extension VaultStore {
  /// One page of an account's snapshots, newest first (by `takenAt`, then by id, the order of
  /// ``history(account:limit:changesOnly:)``), found by a keyset cursor rather than an offset:
  /// a page costs the same wherever it is in the history.
  ///
  /// The cursor is a snapshot id: `before` gives the snapshots older than it, `after` the ones
  /// newer than it (still returned newest first). Its place in the order is the snapshot's
  /// (`taken_at`, `id`), so the query is a range read of the account's index, and with
  /// `changesOnly` of the index that holds only changes: a page never reads the unchanged
  /// re-fetches it skips.
  ///
  /// - Parameters:
  ///   - account: The account's name.
  ///   - before: Only snapshots older than this snapshot.
  ///   - after: Only snapshots newer than this snapshot (ignored when `before` is given).
  ///   - limit: At most this many snapshots.
  ///   - changesOnly: Only the snapshots whose content differed from the one before.
  ///   - source: Only the snapshots that came in this way; `nil` for any.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)``,
  ///   ``VaultStoreError/snapshotNotFound(id:)`` for a cursor that is no snapshot of the
  ///   account, or a `DatabaseError`.
  package func history(
    account: String, before: Int64? = nil, after: Int64? = nil, limit: Int,
    changesOnly: Bool = true, source: SnapshotSource? = nil
  ) throws -> [SnapshotInfo] {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      var conditions = ["s.account_id = ?"]
      var arguments: StatementArguments = [accountID]
      if changesOnly { conditions.append("s.is_change = 1") }
      if let source {
        conditions.append("s.source = ?")
        arguments += [source.code]
      }
      let newer = before == nil && after != nil
      if let cursor = before ?? after {
        guard
          let takenAt = try Int64.fetchOne(
            db, sql: "SELECT taken_at FROM snapshot WHERE id = ? AND account_id = ?",
            arguments: [cursor, accountID])
        else { throw VaultStoreError.snapshotNotFound(id: cursor) }
        conditions.append(newer ? "(s.taken_at, s.id) > (?, ?)" : "(s.taken_at, s.id) < (?, ?)")
        arguments += [takenAt, cursor]
      }
      let direction = newer ? "ASC" : "DESC"
      arguments += [limit]
      let statement = try db.cachedStatement(
        sql: """
          \(Self.snapshotInfoSelect)
          WHERE \(conditions.joined(separator: " AND "))
          ORDER BY s.taken_at \(direction), s.id \(direction) LIMIT ?
          """)
      let page = try Self.fetchSnapshotInfos(statement, arguments: arguments)
      return newer ? page.reversed() : page
    }
  }

  /// The lowest and highest snapshot ids in the vault, or `nil` when it holds none (to say
  /// which ids exist when one is not found).
  package func snapshotIDRange() throws -> ClosedRange<Int64>? {
    try writer.read { db in
      let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM snapshot")
      guard let row, let first: Int64 = row[0], let last: Int64 = row[1] else { return nil }
      return first...last
    }
  }
}
