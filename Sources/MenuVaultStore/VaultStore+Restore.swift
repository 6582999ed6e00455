import Foundation
import GRDB
import MenuVaultCore
import MenuVaultJSON

/// What a restore did.
public struct RestoreReport: Sendable, Equatable {
  /// How many snapshot lines the file held (blank lines not counted).
  public var snapshotLines: Int
  /// How many snapshots were added.
  public var snapshotsAdded: Int
  /// How many were already in the vault (same account, time, source, hash and raw hash).
  public var snapshotsAlreadyPresent: Int
  /// How many blobs were stored (content the vault did not hold yet).
  public var blobsAdded: Int
  /// How many accounts were created.
  public var accountsCreated: Int
}

extension VaultStore {
  /// Imports an NDJSON export (see ``export(account:lines:)``) into this vault: all of it or
  /// nothing, and idempotently (restoring the same file twice adds nothing the second time).
  ///
  /// Every line is checked before anything is written: the raw bytes must hash to `raw_hash`,
  /// and the normalized document's canonical form must hash to `hash`. A snapshot already in the
  /// vault with the same account, `taken_at`, source, hash and raw hash is not added again.
  /// `rollback_of` ids are translated to the ids the snapshots get in this vault.
  ///
  /// - Parameter bytes: The export's bytes.
  /// - Throws: ``VaultStoreError/restoreHashMismatch(line:key:recorded:computed:)`` for an altered
  ///   line, ``VaultStoreError/restoreLineInvalid(line:problem:)`` for a line that is not a
  ///   snapshot, each with its line number (from 1); nothing is written then.
  @discardableResult
  package func restore(from bytes: [UInt8]) throws -> RestoreReport {
    var lines: [RestoreLine] = []
    var lineNumber = 0
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      lineNumber += 1
      let line = bytes[start..<end]
      start = end + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      lines.append(try RestoreLine(Array(line), number: lineNumber))
    }
    return try writeSnapshots { inserter in
      let db = inserter.db
      var newIDs: [Int64: Int64] = [:]
      // How many vault snapshots with a key earlier lines matched or added: a file may hold
      // several identical snapshots (same account, time, source and hashes), and each is kept.
      var claimed: [RestoreKey: Int] = [:]
      var added = 0
      var present = 0
      for line in lines {
        do {
          var snapshot = line.prepared.snapshot
          if let oldTarget = snapshot.rollbackOf {
            guard let target = newIDs[oldTarget] else {
              throw VaultStoreError.restoreLineInvalid(
                line: line.number,
                problem: "rollback_of \(oldTarget) is not a snapshot earlier in this file")
            }
            snapshot.rollbackOf = target
          }
          var prepared = line.prepared
          prepared.snapshot = snapshot
          let accountID = try inserter.accountID(
            name: snapshot.accountName, platform: snapshot.platform)
          let key = RestoreKey(
            accountID: accountID, takenAt: snapshot.takenAt.millisecondsSince1970,
            source: snapshot.source.code, content: prepared.contentDigest, raw: prepared.rawDigest)
          let existing = try Self.existingSnapshots(db, key: key)
          let used = claimed[key, default: 0]
          claimed[key] = used + 1
          if used < existing.count {
            newIDs[line.id] = existing[used]
            present += 1
            continue
          }
          newIDs[line.id] = try inserter.insert(prepared).id
          added += 1
        } catch let error as VaultStoreError {
          switch error {
          case .restoreLineInvalid, .restoreHashMismatch: throw error
          default:
            throw VaultStoreError.restoreLineInvalid(
              line: line.number, problem: error.errorDescription ?? "\(error)")
          }
        }
      }
      return RestoreReport(
        snapshotLines: lines.count, snapshotsAdded: added, snapshotsAlreadyPresent: present,
        blobsAdded: inserter.blobsCreated, accountsCreated: inserter.accountsCreated)
    }
  }

  private static func existingSnapshots(_ db: Database, key: RestoreKey) throws -> [Int64] {
    let statement = try db.cachedStatement(
      sql: """
        SELECT s.id FROM snapshot AS s
        JOIN blob AS c ON c.id = s.content_id
        JOIN blob AS r ON r.id = s.raw_id
        WHERE s.account_id = ? AND s.taken_at = ? AND s.source = ? AND c.hash = ? AND r.hash = ?
        ORDER BY s.id
        """)
    return try Int64.fetchAll(
      statement,
      arguments: [key.accountID, key.takenAt, key.source, Data(key.content), Data(key.raw)])
  }
}

/// What identifies a snapshot across vaults: its account, time, source and both hashes.
private struct RestoreKey: Hashable {
  var accountID: Int64
  var takenAt: Int64
  var source: Int64
  var content: [UInt8]
  var raw: [UInt8]
}

/// One checked line of an export: its snapshot with verified hashes and its id in the export.
private struct RestoreLine {
  var number: Int
  var id: Int64
  var prepared: PreparedSnapshot

  init(_ bytes: [UInt8], number: Int) throws {
    func invalid(_ problem: String) -> VaultStoreError {
      .restoreLineInvalid(line: number, problem: problem)
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      throw invalid("not valid JSON (\(error.description))")
    }
    guard case .object = value else { throw invalid("not a JSON object") }

    func string(_ key: String) throws -> String {
      guard case .string(let text)? = value[key] else { throw invalid("\(key) must be a string") }
      return text
    }
    func integer(_ key: String) throws -> Int64? {
      switch value[key] {
      case nil, .null?: return nil
      case .number(let number)?:
        guard let integer = Int64(exactly: number), integer > 0 else {
          throw invalid("\(key) must be a positive integer")
        }
        return integer
      default: throw invalid("\(key) must be a positive integer or null")
      }
    }

    guard let id = try integer("id") else { throw invalid("id must be a positive integer") }
    let account = try string("account")
    guard let platform = Platform(rawValue: try string("platform")) else {
      throw invalid("platform must be one of \(Platform.allCases.map(\.rawValue))")
    }
    guard let takenAt = Timestamp(iso8601: try string("taken_at")) else {
      throw invalid("taken_at must be an ISO-8601 time such as 2026-11-21T08:30:00.123Z")
    }
    guard let source = SnapshotSource(rawValue: try string("source")) else {
      throw invalid("source must be one of \(SnapshotSource.allCases.map(\.rawValue))")
    }
    guard let fidelity = Fidelity(rawValue: try string("fidelity")) else {
      throw invalid("fidelity must be one of \(Fidelity.allCases.map(\.rawValue))")
    }
    let hash = try string("hash")
    let rawHash = try string("raw_hash")
    guard ContentHash.digest(hex: hash) != nil, hash == hash.lowercased() else {
      throw invalid("hash must be 64 lowercase hex digits")
    }
    guard ContentHash.digest(hex: rawHash) != nil, rawHash == rawHash.lowercased() else {
      throw invalid("raw_hash must be 64 lowercase hex digits")
    }
    var menuIDs: [String] = []
    switch value["menu_ids"] {
    case nil, .null?: break
    case .array(let items)?:
      for item in items {
        guard case .string(let menuID) = item else {
          throw invalid("menu_ids must be an array of strings")
        }
        menuIDs.append(menuID)
      }
    default: throw invalid("menu_ids must be an array of strings")
    }
    let isMenuOpen: Bool?
    switch value["is_menu_open"] {
    case nil, .null?: isMenuOpen = nil
    case .bool(let open)?: isMenuOpen = open
    default: throw invalid("is_menu_open must be true, false or null")
    }
    let rollbackOf = try integer("rollback_of")

    let rawBytes: [UInt8]
    switch (value["raw"], value["raw_base64"]) {
    case (.string(let text)?, nil):
      rawBytes = Array(text.utf8)
    case (nil, .string(let base64)?):
      guard let data = Data(base64Encoded: base64) else {
        throw invalid("raw_base64 is not valid base64")
      }
      rawBytes = [UInt8](data)
    default:
      throw invalid("exactly one of raw (a string) and raw_base64 (a string) must be present")
    }
    guard let normalized = value["normalized"] else { throw invalid("normalized is missing") }
    let canonicalBytes = CanonicalJSON.bytes(normalized)

    let snapshot = NewSnapshot(
      accountName: account, platform: platform, takenAt: takenAt, source: source,
      rawBytes: rawBytes, canonicalBytes: canonicalBytes, fidelity: fidelity, menuIDs: menuIDs,
      isMenuOpen: isMenuOpen, rollbackOf: rollbackOf)
    let prepared: PreparedSnapshot
    do {
      prepared = try PreparedSnapshot(snapshot)
    } catch let error as VaultStoreError {
      throw invalid(error.errorDescription ?? "\(error)")
    }
    let computedRaw = Hex.encode(prepared.rawDigest)
    guard computedRaw == rawHash else {
      throw VaultStoreError.restoreHashMismatch(
        line: number, key: "raw_hash", recorded: rawHash, computed: computedRaw)
    }
    let computedContent = Hex.encode(prepared.contentDigest)
    guard computedContent == hash else {
      throw VaultStoreError.restoreHashMismatch(
        line: number, key: "hash", recorded: hash, computed: computedContent)
    }
    self.number = number
    self.id = id
    self.prepared = prepared
  }
}
