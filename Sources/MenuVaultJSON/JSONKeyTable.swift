/// Object member names a caller expects to meet again and again, so the parser can hand out the
/// same `String` for each occurrence instead of decoding and allocating a new one.
///
/// Only names written without escapes in the document are recognized; any other spelling of the
/// same name goes through the ordinary string parser and gives an equal `String`. A table changes
/// what the parser costs, never what it returns or refuses.
package struct JSONKeyTable: Sendable {
  /// One known name: the `String` to hand out and its UTF-8 bytes to compare with.
  struct Entry: Sendable {
    var name: String
    var bytes: [UInt8]
  }

  /// The names grouped by their UTF-8 length (index: the length).
  let entriesByLength: [[Entry]]
  /// Whether some name holds the byte (index: the byte), so a name that cannot be known is
  /// given up at its first byte that no name has.
  let occursInSomeName: [Bool]
  /// The UTF-8 length of the longest name; -1 for an empty table.
  let longestLength: Int

  /// A table of `names`. Names that a document can only write with escapes (holding `"`, `\` or
  /// a control character) could never be recognized and are left out; so are repeats.
  package init(_ names: some Sequence<String>) {
    var entries: [[Entry]] = []
    var occurs = [Bool](repeating: false, count: 256)
    var longest = -1
    for name in names {
      let bytes = Array(name.utf8)
      guard !bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { continue }
      if bytes.count >= entries.count {
        entries += Array(repeating: [], count: bytes.count + 1 - entries.count)
      }
      guard !entries[bytes.count].contains(where: { $0.bytes == bytes }) else { continue }
      entries[bytes.count].append(Entry(name: name, bytes: bytes))
      for byte in bytes { occurs[Int(byte)] = true }
      longest = max(longest, bytes.count)
    }
    entriesByLength = entries
    occursInSomeName = occurs
    longestLength = longest
  }

  /// A table that knows no name: every member name is parsed as a string.
  package static let empty = JSONKeyTable([])
}
