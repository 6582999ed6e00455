/// The one writer behind ``CanonicalJSON`` and ``PrettyJSON``: the same string escaping and
/// number form for both, with or without sorting and indentation. Other modules of the package
/// use it for compact JSON in stored order and for writing strings on their own.
package struct JSONWriter {
  /// Sort object members by the UTF-16 code units of their names (RFC 8785) instead of keeping
  /// their stored order.
  let sortsKeys: Bool
  /// Spaces per level, with a newline before each element and `": "` after names; `nil` for
  /// no whitespace at all.
  let indent: Int?

  /// A writer that sorts members (or not) and indents (or not).
  package init(sortsKeys: Bool, indent: Int?) {
    self.sortsKeys = sortsKeys
    self.indent = indent
  }

  /// Appends `value` to `output`, at nesting `depth` (0 for a whole document).
  package func write(_ value: JSONValue, to output: inout [UInt8], depth: Int = 0) {
    switch value {
    case .null:
      output.append(contentsOf: Self.nullBytes)
    case .bool(let flag):
      output.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
    case .number(let number):
      Self.appendNumber(number, to: &output)
    case .string(let text):
      Self.appendQuoted(text, to: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output.append(contentsOf: [0x5B, 0x5D])  // []
        return
      }
      output.append(0x5B)
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(0x2C) }
        newline(&output, depth: depth + 1)
        write(element, to: &output, depth: depth + 1)
      }
      newline(&output, depth: depth)
      output.append(0x5D)
    case .object(let members):
      guard !members.isEmpty else {
        output.append(contentsOf: [0x7B, 0x7D])  // {}
        return
      }
      let ordered =
        sortsKeys ? members.sorted { Self.precedesInUTF16Order($0.key, $1.key) } : members
      output.append(0x7B)
      for (position, member) in ordered.enumerated() {
        if position > 0 { output.append(0x2C) }
        newline(&output, depth: depth + 1)
        Self.appendQuoted(member.key, to: &output)
        output.append(0x3A)
        if indent != nil { output.append(0x20) }
        write(member.value, to: &output, depth: depth + 1)
      }
      newline(&output, depth: depth)
      output.append(0x7D)
    }
  }

  private func newline(_ output: inout [UInt8], depth: Int) {
    guard let indent else { return }
    output.append(0x0A)
    output.append(contentsOf: repeatElement(0x20, count: indent * depth))
  }

  /// Whether `left` sorts before `right` by UTF-16 code units (RFC 8785 section 3.2.3).
  ///
  /// Compares UTF-8 bytes, whose order is code point order. UTF-16 order differs only where,
  /// at the first difference, one scalar lies in U+E000...U+FFFF (lead byte EE or EF) and the
  /// other above U+FFFF (lead byte F0...F4): the latter's high surrogate (D800...DBFF) sorts first.
  static func precedesInUTF16Order(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { leftBytes in
      right.withUTF8 { rightBytes in
        let common = min(leftBytes.count, rightBytes.count)
        var position = 0
        while position < common && leftBytes[position] == rightBytes[position] { position += 1 }
        guard position < common else { return leftBytes.count < rightBytes.count }
        let leftByte = leftBytes[position]
        let rightByte = rightBytes[position]
        if leftByte >= 0xF0 && (rightByte == 0xEE || rightByte == 0xEF) { return true }
        if rightByte >= 0xF0 && (leftByte == 0xEE || leftByte == 0xEF) { return false }
        return leftByte < rightByte
      }
    }
  }

  /// Appends `string` as a JSON string literal, escaped as RFC 8785 section 3.2.2.2 prescribes:
  /// `\"` and `\\`; U+0008, U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`; the other
  /// controls below U+0020 as `\u00xx` in lowercase hex; everything else (`/`, DEL, non-ASCII)
  /// as raw UTF-8.
  package static func appendQuoted(_ string: String, to output: inout [UInt8]) {
    output.append(0x22)
    appendEscapedContent(of: string, to: &output)
    output.append(0x22)
  }

  /// Appends bytes the caller has checked are valid UTF-8 as a JSON string literal, with the
  /// escapes of ``appendQuoted(_:to:)``: a document's raw text without making a `String` of it.
  package static func appendQuoted(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8])
  {
    output.append(0x22)
    appendEscaped(bytes, to: &output)
    output.append(0x22)
  }

  /// Appends `name` and a colon to an object that is written member by member in compact form,
  /// after a comma unless it is the object's first member; the caller writes the `{`, the
  /// value (with ``write(_:to:depth:)``, or JSON bytes it already holds) and the `}`.
  package static func appendMemberName(_ name: String, first: Bool, to output: inout [UInt8]) {
    if !first { output.append(0x2C) }
    appendQuoted(name, to: &output)
    output.append(0x3A)
  }

  /// Appends an integer in decimal, exactly: a ``JSONValue`` number is a `Double`, which holds
  /// integers exactly only up to 2^53 (row ids are `Int64`).
  package static func appendInteger(_ integer: Int64, to output: inout [UInt8]) {
    output.append(contentsOf: String(integer).utf8)
  }

  /// Appends the UTF-8 of `string` with the escapes of ``appendQuoted(_:to:)``, without quotes.
  private static func appendEscapedContent(of string: String, to output: inout [UInt8]) {
    let handled: Void? = string.utf8.withContiguousStorageIfAvailable { utf8 in
      appendEscaped(utf8, to: &output)
    }
    if handled == nil {
      var copy = string
      copy.withUTF8 { appendEscaped($0, to: &output) }
    }
  }

  private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    var runStart = 0
    var position = 0
    while position < utf8.count {
      position = endOfPlainRun(utf8, from: position)
      guard position < utf8.count else { break }
      let byte = utf8[position]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
        appendEscape(for: byte, to: &output)
        runStart = position + 1
      }
      position += 1
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
  }

  /// The offset of the first group of eight bytes at or after `start` that holds a byte that may
  /// need escaping (a quote, a backslash or a control character), or of the last few bytes: the
  /// bytes before it need none. Non-ASCII bytes never need escaping.
  private static func endOfPlainRun(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = utf8.baseAddress else { return start }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var position = start
    while position + 8 <= utf8.count {
      let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
      let quotes = word ^ (ones &* 0x22)
      let backslashes = word ^ (ones &* 0x5C)
      // Each term has a high bit set somewhere exactly when some byte is zero (a quote or a
      // backslash in `word`) or below 0x20; bytes of 0x80 and above never set one.
      let special =
        ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
        | ((word &- ones &* 0x20) & ~word)
      guard special & highBits == 0 else { return position }
      position += 8
    }
    return position
  }

  private static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
    let letter: UInt8
    switch byte {
    case 0x22: letter = 0x22  // \"
    case 0x5C: letter = 0x5C  // \\
    case 0x08: letter = 0x62  // \b
    case 0x09: letter = 0x74  // \t
    case 0x0A: letter = 0x6E  // \n
    case 0x0C: letter = 0x66  // \f
    case 0x0D: letter = 0x72  // \r
    default:
      // \u00xx
      let digits = Hex.digits(of: byte)
      output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits.high, digits.low])
      return
    }
    output.append(0x5C)
    output.append(letter)
  }

  /// Appends a number in ECMAScript form.
  ///
  /// `JSONValue.number` is always finite when it comes from ``JSONParser``, which refuses NaN,
  /// Infinity and literals that overflow a double. A hand-built NaN or infinity has no JSON
  /// spelling; as a last resort, rather than trap or write text no reader accepts, it is written
  /// as `null` (what ECMAScript's `JSON.stringify` does).
  static func appendNumber(_ number: Double, to output: inout [UInt8]) {
    if !ECMAScriptNumber.append(number, to: &output) {
      output.append(contentsOf: nullBytes)
    }
  }

  private static let nullBytes: [UInt8] = Array("null".utf8)
  private static let trueBytes: [UInt8] = Array("true".utf8)
  private static let falseBytes: [UInt8] = Array("false".utf8)
}
