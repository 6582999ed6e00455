/// The RFC 8785 (JSON Canonicalization Scheme) serialization of a ``JSONValue``.
///
/// No whitespace; object members sorted by the UTF-16 code units of their names, recursively;
/// strings escape only `"` `\` and the controls (`\b \f \n \r \t`, others as lowercase `\u00xx`),
/// everything else is raw UTF-8; numbers in ECMAScript form (``ECMAScriptNumber``).
public enum CanonicalJSON {
  /// The canonical UTF-8 bytes of `value`.
  public static func bytes(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    JSONWriter.write(value, into: &output, sortKeys: true, indent: nil, depth: 0)
    return output
  }

  /// The canonical text of `value`.
  public static func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }
}

/// Human-readable JSON: two-space indent, members in their stored order, the same string and
/// number rules as the canonical form.
public enum PrettyJSON {
  /// `value` as indented text, without a trailing newline.
  public static func string(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    JSONWriter.write(value, into: &output, sortKeys: false, indent: 2, depth: 0)
    return String(decoding: output, as: UTF8.self)
  }
}

/// The one writer behind ``CanonicalJSON`` and ``PrettyJSON``.
enum JSONWriter {
  static func write(
    _ value: JSONValue, into output: inout [UInt8], sortKeys: Bool, indent: Int?, depth: Int
  ) {
    switch value {
    case .null: output.append(contentsOf: Array("null".utf8))
    case .bool(let flag): output.append(contentsOf: Array((flag ? "true" : "false").utf8))
    case .number(let number):
      // The parser never yields a non-finite number; a hand-built one is written as null
      // rather than as text no JSON reader accepts.
      output.append(contentsOf: Array((ECMAScriptNumber.format(number) ?? "null").utf8))
    case .string(let text): writeString(text, into: &output)
    case .array(let items):
      if items.isEmpty {
        output.append(contentsOf: [0x5B, 0x5D])
        return
      }
      output.append(0x5B)
      for (index, item) in items.enumerated() {
        if index > 0 { output.append(0x2C) }
        newline(&output, indent: indent, depth: depth + 1)
        write(item, into: &output, sortKeys: sortKeys, indent: indent, depth: depth + 1)
      }
      newline(&output, indent: indent, depth: depth)
      output.append(0x5D)
    case .object(let members):
      if members.isEmpty {
        output.append(contentsOf: [0x7B, 0x7D])
        return
      }
      let ordered =
        sortKeys ? members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) } : members
      output.append(0x7B)
      for (index, member) in ordered.enumerated() {
        if index > 0 { output.append(0x2C) }
        newline(&output, indent: indent, depth: depth + 1)
        writeString(member.key, into: &output)
        output.append(0x3A)
        if indent != nil { output.append(0x20) }
        write(member.value, into: &output, sortKeys: sortKeys, indent: indent, depth: depth + 1)
      }
      newline(&output, indent: indent, depth: depth)
      output.append(0x7D)
    }
  }

  private static func newline(_ output: inout [UInt8], indent: Int?, depth: Int) {
    guard let indent else { return }
    output.append(0x0A)
    output.append(contentsOf: repeatElement(0x20, count: indent * depth))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  static func writeString(_ text: String, into output: inout [UInt8]) {
    output.append(0x22)
    for byte in text.utf8 {
      switch byte {
      case 0x22: output.append(contentsOf: [0x5C, 0x22])
      case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
      case 0x08: output.append(contentsOf: [0x5C, 0x62])
      case 0x0C: output.append(contentsOf: [0x5C, 0x66])
      case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: output.append(contentsOf: [0x5C, 0x72])
      case 0x09: output.append(contentsOf: [0x5C, 0x74])
      case 0x00..<0x20:
        output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(0x22)
  }
}
