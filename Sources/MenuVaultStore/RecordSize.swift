/// The bytes a row takes in an SQLite file, from its values, by the file format
/// (https://www.sqlite.org/fileformat2.html, "Record Format" and "B-tree Pages"): a record is a
/// header of varints (its own length, then each column's serial type) and the column bodies; a
/// table's leaf cell adds the payload length and the rowid, an index's the payload length, and
/// each cell a 2-byte pointer in its page. Free space within pages and overflow pages are left
/// out, so this is what a row's removal frees, within a page's slack.
enum RecordSize {
  /// One column's value as the record stores it.
  enum Value {
    /// NULL, and an `INTEGER PRIMARY KEY` column (the rowid stands in for it).
    case null
    /// An integer.
    case integer(Int64)
    /// Text of this many bytes.
    case text(Int64)
    /// A blob of this many bytes.
    case blob(Int64)
  }

  /// The bytes of a table b-tree leaf cell holding `values` under `rowid`.
  static func tableCell(rowid: Int64, _ values: [Value]) -> Int64 {
    let payload = record(values)
    return varint(payload) + varint(rowid) + payload + 2
  }

  /// The bytes of an index b-tree leaf cell holding `values` (the indexed columns, then the
  /// rowid).
  static func indexCell(_ values: [Value]) -> Int64 {
    let payload = record(values)
    return varint(payload) + payload + 2
  }

  /// The bytes of a record: its header (which counts its own length) and its bodies.
  static func record(_ values: [Value]) -> Int64 {
    var types: Int64 = 0
    var bodies: Int64 = 0
    for value in values {
      let (type, body) = serialType(value)
      types += varint(type)
      bodies += body
    }
    var header = types + 1
    while types + varint(header) != header { header = types + varint(header) }
    return header + bodies
  }

  /// A value's serial type and the bytes of its body (file format 4: 0 and 1 take none).
  static func serialType(_ value: Value) -> (type: Int64, body: Int64) {
    switch value {
    case .null: return (0, 0)
    case .integer(0): return (8, 0)
    case .integer(1): return (9, 0)
    case .integer(let number):
      switch number {
      case -128...127: return (1, 1)
      case -32768...32767: return (2, 2)
      case -8_388_608...8_388_607: return (3, 3)
      case Int64(Int32.min)...Int64(Int32.max): return (4, 4)
      case -140_737_488_355_328...140_737_488_355_327: return (5, 6)
      default: return (6, 8)
      }
    case .text(let length): return (13 + 2 * length, length)
    case .blob(let length): return (12 + 2 * length, length)
    }
  }

  /// The bytes of `value` as an SQLite varint: 1 to 9.
  static func varint(_ value: Int64) -> Int64 {
    var rest = UInt64(bitPattern: value)
    if rest > 0x00FF_FFFF_FFFF_FFFF { return 9 }
    var bytes: Int64 = 1
    while rest > 0x7F {
      rest >>= 7
      bytes += 1
    }
    return bytes
  }
}
