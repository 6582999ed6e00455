import Foundation
import GRDB
import MenuVaultCore
import MenuVaultJSON

extension VaultStore {
  /// Records snapshots in one write transaction: all of them or none.
  ///
  /// Each snapshot's raw bytes and canonical bytes are stored once under their SHA-256 (an
  /// unchanged re-fetch adds one small row and no blob), the account is created on first use,
  /// and whether the content differs from the account's previous snapshot from the same source
  /// (the one with the latest `takenAt` not after this one's; the previous snapshot of any
  /// source when the source has none yet) is decided inside the transaction. Comparing within a
  /// source keeps a pull's two reads (menu/get and selfmenu, which differ when there are
  /// conditional menus) from flagging each other as changes on every pull.
  ///
  /// Several processes may record into one vault at once: the transaction takes the write lock
  /// up front (`BEGIN IMMEDIATE`) and waits up to 10 s for it.
  ///
  /// - Parameter snapshots: The snapshots, recorded in order; a batch is much faster than one
  ///   call per snapshot.
  /// - Returns: One result per snapshot, in the same order.
  /// - Throws: ``VaultStoreError/platformMismatch(account:recorded:given:)``,
  ///   ``VaultStoreError/invalidAccountName(name:)``, ``VaultStoreError/invalidMenuID(account:menuID:)``,
  ///   ``VaultStoreError/rollbackTargetNotFound(id:)``, or a `DatabaseError`.
  package func record(_ snapshots: [NewSnapshot]) throws -> [RecordedSnapshot] {
    // Check and hash before taking the write lock, so other writers wait less.
    let prepared = try PreparedSnapshot.prepare(snapshots)
    return try writeSnapshots { inserter in
      try prepared.map { try inserter.insert($0) }
    }
  }

  /// Records one snapshot in its own transaction (prefer the batch form for many).
  package func record(_ snapshot: NewSnapshot) throws -> RecordedSnapshot {
    try record([snapshot])[0]
  }
}

extension VaultStore {
  /// Runs `body` with an inserter in an immediate write transaction with SQLite's per-row
  /// foreign-key lookups off, then brings the state of every account it touched up to date in
  /// the same transaction.
  ///
  /// The snapshot path makes every reference itself (account, blob ids from the same
  /// transaction, source and fidelity codes from enums) and checks the one that comes from the
  /// caller (`rollback_of`), so the lookups only cost time: about a fifth of recording. The
  /// schema still declares the keys, and `verify` runs `PRAGMA foreign_key_check`.
  func writeSnapshots<T>(_ body: (inout SnapshotInserter) throws -> T) throws -> T {
    try writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      var result: T?
      try db.inTransaction(.immediate) {
        var inserter = try SnapshotInserter(db: db)
        result = try body(&inserter)
        for (accountID, pulledAt) in inserter.touchedAccounts {
          try Self.refreshAccountState(db, accountID: accountID, pulledAt: pulledAt)
        }
        return .commit
      }
      guard let result else { throw DatabaseError(message: "the write transaction was not run") }
      return result
    }
  }
}

/// A snapshot with its digests computed and its fields checked, ready to insert.
struct PreparedSnapshot: Sendable {
  var snapshot: NewSnapshot
  var contentDigest: [UInt8]
  var rawDigest: [UInt8]
  var menuIDs: String?

  init(_ snapshot: NewSnapshot) throws {
    try Self.check(snapshot)
    self.init(checked: snapshot)
  }

  private init(checked snapshot: NewSnapshot) {
    self.snapshot = snapshot
    self.contentDigest = ContentHash.sha256(snapshot.canonicalBytes)
    self.rawDigest = ContentHash.sha256(snapshot.rawBytes)
    self.menuIDs = snapshot.menuIDs.isEmpty ? nil : snapshot.menuIDs.joined(separator: ",")
  }

  private static func check(_ snapshot: NewSnapshot) throws {
    guard !snapshot.accountName.isEmpty else {
      throw VaultStoreError.invalidAccountName(name: snapshot.accountName)
    }
    // The byte test first: Foundation's `contains` is slow, and there is no comma without one.
    for menuID in snapshot.menuIDs
    where menuID.isEmpty || (menuID.utf8.contains(0x2C) && menuID.contains(",")) {
      throw VaultStoreError.invalidMenuID(account: snapshot.accountName, menuID: menuID)
    }
  }

  /// Checks every snapshot, then hashes them; a large batch is hashed on two threads, since
  /// SHA-256 is most of the work of recording.
  static func prepare(_ snapshots: [NewSnapshot]) throws -> [PreparedSnapshot] {
    for snapshot in snapshots { try check(snapshot) }
    guard snapshots.count >= 64 else { return snapshots.map { PreparedSnapshot(checked: $0) } }
    let half = snapshots.count / 2
    let parts = [snapshots[..<half], snapshots[half...]]
    let results = ConcurrentSlots<[PreparedSnapshot]>(count: parts.count)
    DispatchQueue.concurrentPerform(iterations: parts.count) { index in
      results.store(parts[index].map { PreparedSnapshot(checked: $0) }, at: index)
    }
    return results.take().flatMap { $0 }
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
  /// An account's snapshots from one source; `source` nil means every source.
  private struct Stream: Hashable {
    var accountID: Int64
    var source: Int64?
  }

  private var latest: [Stream: Latest?] = [:]
  /// Blobs this transaction has already found or stored, by digest.
  private var batchBlobs: [DigestKey: Int64] = [:]
  /// Whether the vault held no blob when this inserter started (the write lock is held): then
  /// `batchBlobs` knows every blob there is, and a digest it lacks needs no lookup.
  private let startedWithoutBlobs: Bool
  private let selectBlob: RawStatement
  private let insertBlob: RawStatement
  private let insertSnapshot: RawStatement
  private let selectLatest: RawStatement
  private let selectBefore: RawStatement
  /// How many accounts this inserter created.
  private(set) var accountsCreated = 0
  /// How many blobs this inserter stored.
  private(set) var blobsCreated = 0
  /// The accounts it recorded snapshots for, each with the newest time one of them was a read
  /// of the live menu (a pull's), `nil` when none was.
  private(set) var touchedAccounts: [Int64: Int64?] = [:]

  init(db: Database) throws {
    self.db = db
    startedWithoutBlobs =
      try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM blob)") ?? false
    selectBlob = try RawStatement(
      db, sql: "SELECT id FROM blob WHERE substr(hash, 1, 4) = substr(?1, 1, 4) AND hash = ?1")
    insertBlob = try RawStatement(db, sql: "INSERT INTO blob (hash, content) VALUES (?, ?)")
    insertSnapshot = try RawStatement(
      db,
      sql: """
        INSERT INTO snapshot (account_id, taken_at, source, content_id, raw_id, fidelity,
          is_change, is_menu_open, menu_ids, rollback_of)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    selectLatest = try RawStatement(
      db,
      sql: """
        SELECT taken_at, content_id FROM snapshot
        WHERE account_id = ?1 AND (?2 IS NULL OR source = ?2)
        ORDER BY taken_at DESC, id DESC LIMIT 1
        """)
    selectBefore = try RawStatement(
      db,
      sql: """
        SELECT content_id FROM snapshot
        WHERE account_id = ?1 AND (?2 IS NULL OR source = ?2) AND taken_at <= ?3
        ORDER BY taken_at DESC, id DESC LIMIT 1
        """)
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
    for source in SnapshotSource.allCases.map(\.code) + [nil] {
      latest[Stream(accountID: id, source: source)] = .some(nil)
    }
    accountsCreated += 1
    return id
  }

  /// The id of the blob holding `bytes` (whose SHA-256 is `digest`), stored now when missing.
  ///
  /// The lookup and the insert run under the write lock, so a hash is stored at most once.
  mutating func blobID(digest: [UInt8], bytes: [UInt8]) throws -> (id: Int64, isNew: Bool) {
    let key = DigestKey(digest)
    if let key, let known = batchBlobs[key] { return (known, false) }
    if !(startedWithoutBlobs && key != nil) {
      defer { selectBlob.reset() }
      selectBlob.bind(1, blob: digest)
      if try selectBlob.step() {
        let id = selectBlob.int64(0)
        if let key { batchBlobs[key] = id }
        return (id, false)
      }
    }
    defer { insertBlob.reset() }
    insertBlob.bind(1, blob: digest)
    insertBlob.bind(2, blob: bytes)
    _ = try insertBlob.step()
    let id = db.lastInsertedRowID
    blobsCreated += 1
    if let key { batchBlobs[key] = id }
    return (id, true)
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

    let stream = Stream(accountID: accountID, source: snapshot.source.code)
    let anySource = Stream(accountID: accountID, source: nil)
    let sourceLatest = try latestSnapshot(stream)
    let accountLatest = try latestSnapshot(anySource)
    var previousContentID: Int64?
    if let sourceLatest, takenAt >= sourceLatest.takenAt {
      previousContentID = sourceLatest.contentID
    } else if sourceLatest == nil, let accountLatest, takenAt >= accountLatest.takenAt {
      previousContentID = accountLatest.contentID
    } else if accountLatest != nil {
      // Recorded into the past: compare with the snapshot just before it in time.
      previousContentID =
        try contentBefore(stream, takenAt: takenAt) ?? contentBefore(anySource, takenAt: takenAt)
    }
    let isChange = previousContentID != content.id

    defer { insertSnapshot.reset() }
    insertSnapshot.bind(1, accountID)
    insertSnapshot.bind(2, takenAt)
    insertSnapshot.bind(3, snapshot.source.code)
    insertSnapshot.bind(4, content.id)
    insertSnapshot.bind(5, raw.id)
    insertSnapshot.bind(6, snapshot.fidelity.code)
    insertSnapshot.bind(7, isChange ? 1 : 0)
    insertSnapshot.bind(8, snapshot.isMenuOpen.map { $0 ? 1 : 0 } as Int64?)
    insertSnapshot.bind(9, prepared.menuIDs)
    insertSnapshot.bind(10, snapshot.rollbackOf)
    _ = try insertSnapshot.step()
    let id = db.lastInsertedRowID
    let pulledAt = LiveRead.allSources.contains(snapshot.source) ? takenAt : nil
    let pulledBefore = touchedAccounts[accountID] ?? nil
    touchedAccounts.updateValue(
      [pulledBefore, pulledAt].compactMap { $0 }.max(), forKey: accountID)
    for key in [stream, anySource]
    where (try latestSnapshot(key)).map({ takenAt >= $0.takenAt }) ?? true {
      latest[key] = .some(Latest(takenAt: takenAt, contentID: content.id))
    }
    return RecordedSnapshot(
      id: id, contentHash: Hex.encode(prepared.contentDigest),
      rawHash: Hex.encode(prepared.rawDigest), isChange: isChange,
      contentBlobIsNew: content.isNew, rawBlobIsNew: raw.isNew)
  }

  /// The content of the stream's latest snapshot taken at or before `takenAt`.
  private func contentBefore(_ stream: Stream, takenAt: Int64) throws -> Int64? {
    defer { selectBefore.reset() }
    selectBefore.bind(1, stream.accountID)
    selectBefore.bind(2, stream.source)
    selectBefore.bind(3, takenAt)
    return try selectBefore.step() ? selectBefore.int64(0) : nil
  }

  private mutating func latestSnapshot(_ stream: Stream) throws -> Latest? {
    if let known = latest[stream] { return known }
    defer { selectLatest.reset() }
    selectLatest.bind(1, stream.accountID)
    selectLatest.bind(2, stream.source)
    let found =
      try selectLatest.step()
      ? Latest(takenAt: selectLatest.int64(0), contentID: selectLatest.int64(1)) : nil
    latest[stream] = .some(found)
    return found
  }
}

/// A 32-byte digest as a dictionary key, hashed as four machine words (an array of bytes is
/// hashed one byte at a time, which cost more than the rest of the lookup).
private struct DigestKey: Hashable {
  private let words: (UInt64, UInt64, UInt64, UInt64)

  /// The key of `digest`, or `nil` when it is not 32 bytes long.
  init?(_ digest: [UInt8]) {
    guard digest.count == 32 else { return nil }
    words = digest.withUnsafeBytes { bytes in
      (
        bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
        bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
      )
    }
  }

  static func == (left: DigestKey, right: DigestKey) -> Bool {
    left.words == right.words
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(words.0)
    hasher.combine(words.1)
    hasher.combine(words.2)
    hasher.combine(words.3)
  }
}
