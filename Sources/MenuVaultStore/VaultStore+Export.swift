import Foundation
import GRDB
import MenuVaultJSON

extension VaultStore {
  /// Writes snapshots as NDJSON, one snapshot per line in the order they were recorded.
  ///
  /// Each line is an object with the keys `id`, `account`, `platform`, `taken_at` (ISO-8601 with
  /// milliseconds), `source`, `hash`, `raw_hash`, `fidelity`, `rollback_of`, `menu_ids` (an
  /// array of strings), `is_menu_open` (a boolean or null), then `raw` (the raw bytes as a string
  /// when they are valid UTF-8) or `raw_base64` (otherwise), and `normalized` (the normalized
  /// document itself, in its canonical form). ``restore(from:)`` reads it back.
  ///
  /// - Parameters:
  ///   - account: Only this account's snapshots; `nil` for every account.
  ///   - write: Receives each line, newline included. Reads one consistent state of the vault.
  /// - Returns: How many snapshots were written.
  /// - Throws: ``VaultStoreError/accountNotFound(name:)``, a `DatabaseError`, or what `write`
  ///   throws.
  @discardableResult
  package func export(account: String? = nil, lines write: ([UInt8]) throws -> Void) throws -> Int {
    try writer.read { db in
      var condition = ""
      var arguments: StatementArguments = []
      if let account {
        condition = "WHERE s.account_id = ?"
        arguments = [try Self.accountID(db, name: account)]
      }
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT s.id, a.name, a.platform, s.taken_at, s.source, c.hash, r.hash, s.fidelity,
            s.is_change, s.menu_ids, s.is_menu_open, s.rollback_of, r.content, c.content
          FROM snapshot AS s
          JOIN account AS a ON a.id = s.account_id
          JOIN blob AS c ON c.id = s.content_id
          JOIN blob AS r ON r.id = s.raw_id
          \(condition)
          ORDER BY s.id
          """,
        arguments: arguments)
      var count = 0
      var line: [UInt8] = []
      while let row = try rows.next() {
        let info = try Self.snapshotInfo(row)
        let raw: Data = row[12]
        let normalized: Data = row[13]
        line.removeAll(keepingCapacity: true)
        ExportLine.append(info, raw: raw, normalized: normalized, to: &line)
        try write(line)
        count += 1
      }
      return count
    }
  }

  /// Writes snapshots as NDJSON to a file handle (see ``export(account:lines:)``), in large
  /// chunks.
  ///
  /// - Returns: How many snapshots were written.
  @discardableResult
  package func export(account: String? = nil, to fileHandle: FileHandle) throws -> Int {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    let count = try export(account: account) { line in
      buffer.append(contentsOf: line)
      if buffer.count >= 1 << 20 {
        try fileHandle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    if !buffer.isEmpty { try fileHandle.write(contentsOf: buffer) }
    return count
  }

  /// The NDJSON export as bytes (see ``export(account:lines:)``).
  package func exportBytes(account: String? = nil) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try export(account: account) { bytes.append(contentsOf: $0) }
    return bytes
  }
}

/// Writes one export line with ``JSONWriter`` in compact form: the keys in a fixed order, and
/// the normalized document's canonical bytes as they are stored.
enum ExportLine {
  static func append(_ info: SnapshotInfo, raw: Data, normalized: Data, to line: inout [UInt8]) {
    let json = JSONWriter(sortsKeys: false, indent: nil)
    line.append(UInt8(ascii: "{"))
    JSONWriter.appendMemberName("id", first: true, to: &line)
    JSONWriter.appendInteger(info.id, to: &line)
    func member(_ name: String, _ value: JSONValue) {
      JSONWriter.appendMemberName(name, first: false, to: &line)
      json.write(value, to: &line)
    }
    member("account", .string(info.account))
    member("platform", .string(info.platform.rawValue))
    member("taken_at", .string(info.takenAt.iso8601))
    member("source", .string(info.source.rawValue))
    member("hash", .string(info.contentHash))
    member("raw_hash", .string(info.rawHash))
    member("fidelity", .string(info.fidelity.rawValue))
    JSONWriter.appendMemberName("rollback_of", first: false, to: &line)
    if let rollbackOf = info.rollbackOf {
      JSONWriter.appendInteger(rollbackOf, to: &line)
    } else {
      json.write(.null, to: &line)
    }
    member("menu_ids", .array(info.menuIDs.map(JSONValue.string)))
    member("is_menu_open", info.isMenuOpen.map(JSONValue.bool) ?? .null)
    if UTF8Validation.isValid(raw) {
      JSONWriter.appendMemberName("raw", first: false, to: &line)
      raw.withUnsafeBytes { bytes in
        JSONWriter.appendQuoted(utf8: bytes.assumingMemoryBound(to: UInt8.self), to: &line)
      }
    } else {
      member("raw_base64", .string(raw.base64EncodedString()))
    }
    JSONWriter.appendMemberName("normalized", first: false, to: &line)
    line.append(contentsOf: normalized)
    line.append(contentsOf: "}\n".utf8)
  }
}

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  static func isValid<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    var iterator = bytes.makeIterator()
    while let lead = iterator.next() {
      let continuationCount: Int
      let minimum: UInt32
      var scalar: UInt32
      switch lead {
      case 0x00...0x7F: continue
      case 0xC2...0xDF:
        continuationCount = 1
        minimum = 0x80
        scalar = UInt32(lead & 0x1F)
      case 0xE0...0xEF:
        continuationCount = 2
        minimum = 0x800
        scalar = UInt32(lead & 0x0F)
      case 0xF0...0xF4:
        continuationCount = 3
        minimum = 0x10000
        scalar = UInt32(lead & 0x07)
      default: return false
      }
      for _ in 0..<continuationCount {
        guard let next = iterator.next(), next & 0xC0 == 0x80 else { return false }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        return false
      }
    }
    return true
  }
}
