import Foundation
import GRDB
import MenuVaultJSON

/// One thing `verify` found wrong in a vault.
public enum VerifyProblem: Sendable, Equatable, CustomStringConvertible {
  /// A line of SQLite's `PRAGMA integrity_check` other than `ok`.
  case integrity(String)
  /// A row that points at a row that does not exist (`PRAGMA foreign_key_check`).
  case foreignKey(table: String, rowID: Int64?, parent: String)
  /// A blob whose bytes no longer hash to the hash it is stored under.
  case blobHashMismatch(blobID: Int64, stored: String, computed: String)
  /// A snapshot whose content or raw blob is missing.
  case missingBlob(snapshotID: Int64, column: String, blobID: Int64)
  /// Several blobs stored under one hash (content must be stored once).
  case duplicateBlob(hash: String, blobIDs: [Int64])

  /// A lowercase sentence naming the row and what is wrong.
  public var description: String {
    switch self {
    case .integrity(let message):
      return "sqlite integrity check: \(message)"
    case .foreignKey(let table, let rowID, let parent):
      let row = rowID.map { " row \($0)" } ?? ""
      return "\(table)\(row) points at a missing \(parent) row"
    case .blobHashMismatch(let blobID, let stored, let computed):
      return "blob \(blobID) is stored under \(stored) but its bytes hash to \(computed)"
    case .missingBlob(let snapshotID, let column, let blobID):
      return "snapshot \(snapshotID) \(column) points at missing blob \(blobID)"
    case .duplicateBlob(let hash, let blobIDs):
      return
        "blobs \(blobIDs.map(String.init).joined(separator: ", ")) are all stored under \(hash)"
    }
  }
}

/// What `verify` checked and found.
public struct VerifyReport: Sendable, Equatable {
  /// How many blobs (stored contents) the vault holds.
  public var blobCount: Int
  /// The total size of the stored contents in bytes.
  public var blobBytes: Int64
  /// How many snapshots the vault holds.
  public var snapshotCount: Int
  /// How many accounts the vault holds (removed ones included).
  public var accountCount: Int
  /// How many operations the vault holds.
  public var operationCount: Int
  /// Everything found wrong; empty when the vault is sound.
  public var problems: [VerifyProblem]

  /// Whether nothing was found wrong.
  public var isOK: Bool { problems.isEmpty }
}

extension VaultStore {
  /// Checks the whole vault: SQLite's integrity check and foreign keys, the SHA-256 of every blob
  /// against the hash it is stored under, that no hash is stored twice, and that every
  /// snapshot's content and raw blobs exist.
  ///
  /// Reads one consistent state of the vault while other processes go on writing.
  package func verify() throws -> VerifyReport {
    try writer.read { db in
      var problems: [VerifyProblem] = []
      for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
        problems.append(.integrity(line))
      }
      for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
        problems.append(.foreignKey(table: row[0], rowID: row[1], parent: row[2]))
      }
      var blobCount = 0
      var blobBytes: Int64 = 0
      let blobs = try Row.fetchCursor(db, sql: "SELECT id, hash, content FROM blob ORDER BY id")
      while let row = try blobs.next() {
        let id: Int64 = row[0]
        let stored: Data = row[1]
        let content: Data = row[2]
        let computed = ContentHash.sha256(content)
        if !computed.elementsEqual(stored) {
          problems.append(
            .blobHashMismatch(
              blobID: id, stored: Hex.encode(stored), computed: Hex.encode(computed)))
        }
        blobCount += 1
        blobBytes += Int64(content.count)
      }
      let duplicates = try Row.fetchAll(
        db,
        sql: """
          SELECT hash, group_concat(id) FROM blob GROUP BY hash HAVING count(*) > 1 ORDER BY min(id)
          """)
      for row in duplicates {
        let hash: Data = row[0]
        let ids: String = row[1]
        problems.append(
          .duplicateBlob(
            hash: Hex.encode(hash), blobIDs: ids.split(separator: ",").compactMap { Int64($0) }))
      }
      for column in ["content_id", "raw_id"] {
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT s.id, s.\(column) FROM snapshot AS s LEFT JOIN blob AS b ON b.id = s.\(column)
            WHERE b.id IS NULL ORDER BY s.id
            """)
        for row in rows {
          problems.append(.missingBlob(snapshotID: row[0], column: column, blobID: row[1]))
        }
      }
      return VerifyReport(
        blobCount: blobCount, blobBytes: blobBytes,
        snapshotCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot") ?? 0,
        accountCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0,
        operationCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM operation") ?? 0,
        problems: problems)
    }
  }

  /// Copies the vault to a new file with SQLite's online backup (a consistent copy while other
  /// processes write), then opens the copy and verifies it.
  ///
  /// - Parameter destination: A path where no file exists yet; the copy gets mode 0600.
  /// - Returns: The copy's verification report, which is OK.
  /// - Throws: ``VaultStoreError/backupDestinationExists(path:)``,
  ///   ``VaultStoreError/backupVerificationFailed(path:problems:)``, or a `DatabaseError`.
  @discardableResult
  package func backup(to destination: String) throws -> VerifyReport {
    guard !FileManager.default.fileExists(atPath: destination) else {
      throw VaultStoreError.backupDestinationExists(path: destination)
    }
    try Self.createFileIfMissing(destination)
    let target = try DatabaseQueue(path: destination)
    try writer.backup(to: target)
    try target.close()
    let copy = try VaultStore.open(path: destination)
    defer { try? copy.close() }
    let report = try copy.verify()
    guard report.isOK else {
      throw VaultStoreError.backupVerificationFailed(
        path: destination, problems: report.problems.map(\.description))
    }
    return report
  }
}
