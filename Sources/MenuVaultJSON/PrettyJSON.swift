/// Human-readable JSON for people: two-space indent, `"name": value`, object members in their
/// stored order, `[]` and `{}` for empty containers, the same string escaping and number form as
/// ``CanonicalJSON``.
public enum PrettyJSON {
  /// `value` as indented text, without a trailing newline.
  public static func string(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    JSONWriter(sortsKeys: false, indent: 2).write(value, to: &output)
    return String(decoding: output, as: UTF8.self)
  }
}

extension PrettyJSON {
  /// A JSON text (as `JSONEncoder` writes it) in the layout of ``string(_:)``, members in their
  /// written order. Integers are copied digit for digit: read into a `JSONValue` they would
  /// become `Double`s, which round an id above 2^53. Other numbers and every string are
  /// re-written as ``string(_:)`` writes them.
  ///
  /// - Throws: ``JSONParseError`` when `text` is not strict JSON.
  public static func reindented(_ text: [UInt8]) throws(JSONParseError) -> [UInt8] {
    _ = try JSONParser.parse(text)  // strict: what follows may assume well-formed JSON
    var output: [UInt8] = []
    output.reserveCapacity(text.count * 2)
    var depth = 0
    var index = 0
    func newline() {
      output.append(0x0A)
      output.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }
    func nextSignificant(after position: Int) -> UInt8? {
      var position = position + 1
      while position < text.count, Self.isWhitespace(text[position]) { position += 1 }
      return position < text.count ? text[position] : nil
    }
    while index < text.count {
      let byte = text[index]
      switch byte {
      case 0x7B, 0x5B:  // { [
        let close: UInt8 = byte == 0x7B ? 0x7D : 0x5D
        output.append(byte)
        if nextSignificant(after: index) == close {
          output.append(close)
          while text[index] != close { index += 1 }
        } else {
          depth += 1
          newline()
        }
      case 0x7D, 0x5D:  // } ]
        depth -= 1
        newline()
        output.append(byte)
      case 0x2C:  // ,
        output.append(byte)
        newline()
      case 0x3A:  // :
        output.append(contentsOf: [0x3A, 0x20])
      case 0x22:  // "
        var end = index + 1
        while text[end] != 0x22 { end += text[end] == 0x5C ? 2 : 1 }
        guard case .string(let string) = try JSONParser.parse(Array(text[index...end])) else {
          break
        }
        JSONWriter.appendQuoted(string, to: &output)
        index = end
      case 0x2D, 0x30...0x39:  // - 0-9
        var end = index
        while end + 1 < text.count, Self.isNumberByte(text[end + 1]) { end += 1 }
        let lexeme = Array(text[index...end])
        if lexeme.allSatisfy({ $0 == 0x2D || (0x30...0x39).contains($0) }) {
          output.append(contentsOf: lexeme)
        } else if case .number(let number) = try JSONParser.parse(lexeme) {
          JSONWriter.appendNumber(number, to: &output)
        }
        index = end
      default:
        if !Self.isWhitespace(byte) { output.append(byte) }  // the letters of true, false, null
      }
      index += 1
    }
    return output
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2B || byte == 0x2E || byte == 0x45
      || byte == 0x65
  }
}
