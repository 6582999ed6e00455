import Foundation
import GRDB

extension VaultStore {
  /// Records snapshots in one write transaction: all of them or none.
  ///
  /// Each snapshot's raw bytes and canonical bytes are stored once under their SHA-256 (an
  /// unchanged re-fetch adds one small row and no blob), the account is created on first use,
  /// and whether the content differs from the account's previous snapshot (the one with the
  /// latest `takenAt` not after this one's) is decided inside the transaction.
  ///
  /// - Parameter snapshots: The snapshots, recorded in order; a batch is much faster than one
  ///   call per snapshot.
  /// - Returns: One result per snapshot, in the same order.
  /// - Throws: ``VaultStoreError/platformMismatch(account:recorded:given:)``,
  ///   ``VaultStoreError/invalidAccountName(name:)``, ``VaultStoreError/invalidMenuID(account:menuID:)``,
  ///   ``VaultStoreError/rollbackTargetNotFound(id:)``, or a `DatabaseError`.
  public func record(_ snapshots: [NewSnapshot]) throws -> [RecordedSnapshot] {
    // Hash and check before taking the write lock, so other writers wait less.
    let prepared = try snapshots.map { try PreparedSnapshot($0) }
    return try writer.write { db in
      var inserter = SnapshotInserter(db: db)
      return try prepared.map { try inserter.insert($0) }
    }
  }

  /// Records one snapshot in its own transaction (prefer the batch form for many).
  public func record(_ snapshot: NewSnapshot) throws -> RecordedSnapshot {
    try record([snapshot])[0]
  }
}

/// A snapshot with its digests computed and its fields checked, ready to insert.
struct PreparedSnapshot {
  var snapshot: NewSnapshot
  var contentDigest: Data
  var rawDigest: Data
  var menuIDs: String?

  init(_ snapshot: NewSnapshot) throws {
    guard !snapshot.accountName.isEmpty else {
      throw VaultStoreError.invalidAccountName(name: snapshot.accountName)
    }
    for menuID in snapshot.menuIDs where menuID.isEmpty || menuID.contains(",") {
      throw VaultStoreError.invalidMenuID(account: snapshot.accountName, menuID: menuID)
    }
    self.snapshot = snapshot
    self.contentDigest = BlobHash.digest(snapshot.canonicalBytes)
    self.rawDigest = BlobHash.digest(snapshot.rawBytes)
    self.menuIDs = snapshot.menuIDs.isEmpty ? nil : snapshot.menuIDs.joined(separator: ",")
  }
}

/// Inserts snapshots inside one write transaction, remembering accounts and each account's
/// latest snapshot so a batch asks SQLite as little as possible.
struct SnapshotInserter {
  private struct Latest {
    var takenAt: Int64
    var contentID: Int64
  }

  let db: Database
  private var accounts: [String: (id: Int64, platform: Platform)] = [:]
  private var latest: [Int64: Latest?] = [:]
  /// How many accounts this inserter created.
  private(set) var accountsCreated = 0
  /// How many blobs this inserter stored.
  private(set) var blobsCreated = 0

  init(db: Database) {
    self.db = db
  }

  /// The id of the account named `name`, created on `platform` when missing.
  mutating func accountID(name: String, platform: Platform) throws -> Int64 {
    if let known = accounts[name] {
      guard known.platform == platform else {
        throw VaultStoreError.platformMismatch(
          account: name, recorded: known.platform, given: platform)
      }
      return known.id
    }
    let select = try db.cachedStatement(sql: "SELECT id, platform FROM account WHERE name = ?")
    if let row = try Row.fetchOne(select, arguments: [name]) {
      let id: Int64 = row[0]
      let platformName: String = row[1]
      guard let recorded = Platform(rawValue: platformName) else {
        throw VaultStoreError.corruptRow(table: "account", id: id, column: "platform")
      }
      accounts[name] = (id, recorded)
      guard recorded == platform else {
        throw VaultStoreError.platformMismatch(account: name, recorded: recorded, given: platform)
      }
      return id
    }
    let insert = try db.cachedStatement(
      sql: "INSERT INTO account (name, platform, created_at) VALUES (?, ?, ?)")
    try insert.execute(arguments: [
      name, platform.rawValue, Timestamp.now().millisecondsSince1970,
    ])
    let id = db.lastInsertedRowID
    accounts[name] = (id, platform)
    latest[id] = .some(nil)
    accountsCreated += 1
    return id
  }

  /// The id of the blob holding `bytes` (whose SHA-256 is `digest`), stored now when missing.
  mutating func blobID(digest: Data, bytes: [UInt8]) throws -> (id: Int64, isNew: Bool) {
    let select = try db.cachedStatement(sql: "SELECT id FROM blob WHERE hash = ?")
    if let id = try Int64.fetchOne(select, arguments: [digest]) {
      return (id, false)
    }
    let insert = try db.cachedStatement(sql: "INSERT INTO blob (hash, content) VALUES (?, ?)")
    try insert.execute(arguments: [digest, Data(bytes)])
    blobsCreated += 1
    return (db.lastInsertedRowID, true)
  }

  /// Inserts one snapshot.
  mutating func insert(_ prepared: PreparedSnapshot) throws -> RecordedSnapshot {
    let snapshot = prepared.snapshot
    let accountID = try accountID(name: snapshot.accountName, platform: snapshot.platform)
    if let target = snapshot.rollbackOf {
      let exists = try db.cachedStatement(sql: "SELECT 1 FROM snapshot WHERE id = ?")
      guard try Int.fetchOne(exists, arguments: [target]) != nil else {
        throw VaultStoreError.rollbackTargetNotFound(id: target)
      }
    }
    let content = try blobID(digest: prepared.contentDigest, bytes: snapshot.canonicalBytes)
    let raw = try blobID(digest: prepared.rawDigest, bytes: snapshot.rawBytes)
    let takenAt = snapshot.takenAt.millisecondsSince1970

    let accountLatest = try latestSnapshot(accountID: accountID)
    let previousContentID: Int64?
    if let accountLatest, takenAt < accountLatest.takenAt {
      // Recorded into the past: compare with the snapshot just before it in time.
      let before = try db.cachedStatement(
        sql: """
          SELECT content_id FROM snapshot WHERE account_id = ? AND taken_at <= ?
          ORDER BY taken_at DESC, id DESC LIMIT 1
          """)
      previousContentID = try Int64.fetchOne(before, arguments: [accountID, takenAt])
    } else {
      previousContentID = accountLatest?.contentID
    }
    let isChange = previousContentID != content.id

    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO snapshot (account_id, taken_at, source, content_id, raw_id, fidelity,
          is_change, is_menu_open, menu_ids, rollback_of)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    try insert.execute(arguments: [
      accountID, takenAt, snapshot.source.code, content.id, raw.id, snapshot.fidelity.code,
      isChange ? 1 : 0, snapshot.isMenuOpen.map { $0 ? 1 : 0 }, prepared.menuIDs,
      snapshot.rollbackOf,
    ])
    let id = db.lastInsertedRowID
    if accountLatest.map({ takenAt >= $0.takenAt }) ?? true {
      latest[accountID] = .some(Latest(takenAt: takenAt, contentID: content.id))
    }
    return RecordedSnapshot(
      id: id, contentHash: BlobHash.hex(prepared.contentDigest),
      rawHash: BlobHash.hex(prepared.rawDigest), isChange: isChange,
      contentBlobIsNew: content.isNew, rawBlobIsNew: raw.isNew)
  }

  private mutating func latestSnapshot(accountID: Int64) throws -> Latest? {
    if let known = latest[accountID] { return known }
    let select = try db.cachedStatement(
      sql: """
        SELECT taken_at, content_id FROM snapshot WHERE account_id = ?
        ORDER BY taken_at DESC, id DESC LIMIT 1
        """)
    let found = try Row.fetchOne(select, arguments: [accountID]).map {
      Latest(takenAt: $0[0], contentID: $0[1])
    }
    latest[accountID] = .some(found)
    return found
  }
}
