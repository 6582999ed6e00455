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
  public func export(account: String? = nil, lines write: ([UInt8]) throws -> Void) throws -> Int {
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
  public func export(account: String? = nil, to fileHandle: FileHandle) throws -> Int {
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
  public func exportBytes(account: String? = nil) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try export(account: account) { bytes.append(contentsOf: $0) }
    return bytes
  }
}

/// Builds one export line by hand: the keys in a fixed order, strings escaped as JSON requires.
enum ExportLine {
  static func append(_ info: SnapshotInfo, raw: Data, normalized: Data, to line: inout [UInt8]) {
    line.append(contentsOf: #"{"id":"#.utf8)
    line.append(contentsOf: String(info.id).utf8)
    key("account", to: &line)
    string(info.account, to: &line)
    key("platform", to: &line)
    string(info.platform.rawValue, to: &line)
    key("taken_at", to: &line)
    string(info.takenAt.iso8601, to: &line)
    key("source", to: &line)
    string(info.source.rawValue, to: &line)
    key("hash", to: &line)
    string(info.contentHash, to: &line)
    key("raw_hash", to: &line)
    string(info.rawHash, to: &line)
    key("fidelity", to: &line)
    string(info.fidelity.rawValue, to: &line)
    key("rollback_of", to: &line)
    line.append(contentsOf: (info.rollbackOf.map { String($0) } ?? "null").utf8)
    key("menu_ids", to: &line)
    line.append(UInt8(ascii: "["))
    for (index, menuID) in info.menuIDs.enumerated() {
      if index > 0 { line.append(UInt8(ascii: ",")) }
      string(menuID, to: &line)
    }
    line.append(UInt8(ascii: "]"))
    key("is_menu_open", to: &line)
    line.append(contentsOf: (info.isMenuOpen.map { $0 ? "true" : "false" } ?? "null").utf8)
    if UTF8Validation.isValid(raw) {
      key("raw", to: &line)
      escaped(raw, to: &line)
    } else {
      key("raw_base64", to: &line)
      string(raw.base64EncodedString(), to: &line)
    }
    key("normalized", to: &line)
    line.append(contentsOf: normalized)
    line.append(contentsOf: "}\n".utf8)
  }

  private static func key(_ name: String, to line: inout [UInt8]) {
    line.append(UInt8(ascii: ","))
    string(name, to: &line)
    line.append(UInt8(ascii: ":"))
  }

  private static func string(_ text: String, to line: inout [UInt8]) {
    escaped(text.utf8, to: &line)
  }

  /// Appends valid UTF-8 as a JSON string: quotes, backslashes and control characters escaped,
  /// everything else copied byte for byte.
  private static func escaped<Bytes: Sequence<UInt8>>(_ utf8: Bytes, to line: inout [UInt8]) {
    line.append(UInt8(ascii: "\""))
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "\""): line.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
      case 0x0A: line.append(contentsOf: #"\n"#.utf8)
      case 0x0D: line.append(contentsOf: #"\r"#.utf8)
      case 0x09: line.append(contentsOf: #"\t"#.utf8)
      case 0x08: line.append(contentsOf: #"\b"#.utf8)
      case 0x0C: line.append(contentsOf: #"\f"#.utf8)
      case 0x00..<0x20:
        let digits = Hex.digits(of: byte)
        line.append(contentsOf: #"\u00"#.utf8)
        line.append(digits.high)
        line.append(digits.low)
      default: line.append(byte)
      }
    }
    line.append(UInt8(ascii: "\""))
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
