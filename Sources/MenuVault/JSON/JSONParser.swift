import Foundation

/// A strict JSON parser over UTF-8 bytes: RFC 8259 grammar plus what RFC 8785 / I-JSON refuse
/// (duplicate keys, lone surrogates, invalid UTF-8, numbers beyond a double), with the byte offset
/// of every error. A single leading UTF-8 byte-order mark is skipped.
public enum JSONParser {
  /// Parses `bytes` into a value.
  /// - Parameter maximumDepth: the deepest nesting of arrays and objects accepted.
  /// - Throws: ``JSONParseError`` with the byte offset.
  public static func parse(_ bytes: [UInt8], maximumDepth: Int = 256) throws(JSONParseError)
    -> JSONValue
  {
    let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
      var parser = Parser(bytes: buffer, maximumDepth: maximumDepth)
      do throws(JSONParseError) {
        return .success(try parser.parseDocument())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses `data` into a value (see ``parse(_:maximumDepth:)-([UInt8],_)``).
  public static func parse(_ data: Data, maximumDepth: Int = 256) throws(JSONParseError)
    -> JSONValue
  {
    try parse([UInt8](data), maximumDepth: maximumDepth)
  }
}

private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var index = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  func fail(_ reason: JSONParseError.Reason, at offset: Int? = nil) -> JSONParseError {
    JSONParseError(offset: offset ?? index, reason: reason)
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
    skipWhitespace()
    guard index < bytes.count else { throw fail(.emptyInput) }
    let value = try parseValue()
    skipWhitespace()
    guard index == bytes.count else { throw fail(.trailingContent) }
    return value
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    switch bytes[index] {
    case 0x7B: return try parseObject()
    case 0x5B: return try parseArray()
    case 0x22: return .string(try parseString())
    case 0x74: try expectWord("true"); return .bool(true)
    case 0x66: try expectWord("false"); return .bool(false)
    case 0x6E: try expectWord("null"); return .null
    case 0x2D, 0x30...0x39: return .number(try parseNumber())
    default: throw fail(.unexpectedByte(bytes[index]))
    }
  }

  mutating func expectWord(_ word: String) throws(JSONParseError) {
    for expected in word.utf8 {
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      guard bytes[index] == expected else { throw fail(.unexpectedByte(bytes[index])) }
      index += 1
    }
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > maximumDepth { throw fail(.tooDeep(limit: maximumDepth)) }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == 0x5D {
      index += 1
      depth -= 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      switch bytes[index] {
      case 0x2C: index += 1
      case 0x5D:
        index += 1
        depth -= 1
        return .array(items)
      default: throw fail(.unexpectedByte(bytes[index]))
      }
    }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    var members: [JSONMember] = []
    var seen = Set<String>()
    skipWhitespace()
    if index < bytes.count && bytes[index] == 0x7D {
      index += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      guard bytes[index] == 0x22 else { throw fail(.unexpectedByte(bytes[index])) }
      let keyOffset = index
      let key = try parseString()
      guard seen.insert(key).inserted else { throw fail(.duplicateKey(key), at: keyOffset) }
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      guard bytes[index] == 0x3A else { throw fail(.unexpectedByte(bytes[index])) }
      index += 1
      skipWhitespace()
      members.append(JSONMember(key, try parseValue()))
      skipWhitespace()
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      switch bytes[index] {
      case 0x2C: index += 1
      case 0x7D:
        index += 1
        depth -= 1
        return .object(members)
      default: throw fail(.unexpectedByte(bytes[index]))
      }
    }
  }

  /// Parses a string starting at its opening quote; validates UTF-8 as it goes.
  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, plain bytes up to the closing quote.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x22 {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        try validateUTF8(slice, base: start)
        index += 1
        return String(decoding: slice, as: UTF8.self)
      }
      if byte == 0x5C { break }
      if byte < 0x20 { throw fail(.controlCharacterInString) }
      index += 1
    }
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    // Slow path: copy with escapes decoded.
    var output: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    try validateUTF8(UnsafeBufferPointer(rebasing: bytes[start..<index]), base: start)
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 0x22:
        index += 1
        return String(decoding: output, as: UTF8.self)
      case 0x5C:
        try decodeEscape(into: &output)
      case 0x00..<0x20:
        throw fail(.controlCharacterInString)
      case 0x00..<0x80:
        output.append(byte)
        index += 1
      default:
        let length = try scalarLength(at: index)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
        index += length
      }
    }
    throw fail(.unexpectedEnd)
  }

  mutating func decodeEscape(into output: inout [UInt8]) throws(JSONParseError) {
    let escapeStart = index
    index += 1
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    let code = bytes[index]
    index += 1
    switch code {
    case 0x22: output.append(0x22)
    case 0x5C: output.append(0x5C)
    case 0x2F: output.append(0x2F)
    case 0x62: output.append(0x08)
    case 0x66: output.append(0x0C)
    case 0x6E: output.append(0x0A)
    case 0x72: output.append(0x0D)
    case 0x74: output.append(0x09)
    case 0x75:
      var scalar = try hex4()
      if (0xD800...0xDBFF).contains(scalar) {
        guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
          throw fail(.loneSurrogate, at: escapeStart)
        }
        index += 2
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate, at: escapeStart) }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(scalar) {
        throw fail(.loneSurrogate, at: escapeStart)
      }
      guard let unicode = Unicode.Scalar(scalar) else {
        throw fail(.loneSurrogate, at: escapeStart)
      }
      output.append(contentsOf: Array(String(Character(unicode)).utf8))
    default:
      throw fail(.invalidEscape, at: escapeStart)
    }
  }

  mutating func hex4() throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count else { throw fail(.unexpectedEnd) }
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw fail(.invalidEscape)
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Validates well-formed UTF-8 (no overlongs, no encoded surrogates, nothing above U+10FFFF).
  func validateUTF8(_ slice: UnsafeBufferPointer<UInt8>, base: Int) throws(JSONParseError) {
    var position = 0
    while position < slice.count {
      if slice[position] < 0x80 {
        position += 1
        continue
      }
      let length = try Parser.scalarLength(slice, at: position, base: base)
      position += length
    }
  }

  func scalarLength(at offset: Int) throws(JSONParseError) -> Int {
    try Parser.scalarLength(bytes, at: offset, base: 0)
  }

  /// The length of the well-formed UTF-8 sequence at `offset` (RFC 3629 table 3-7).
  static func scalarLength(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, base: Int)
    throws(JSONParseError) -> Int
  {
    let invalid = JSONParseError(offset: base + offset, reason: .invalidUTF8)
    let lead = buffer[offset]
    func continuation(_ position: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF)
      throws(JSONParseError)
    {
      guard position < buffer.count, range.contains(buffer[position]) else { throw invalid }
    }
    switch lead {
    case 0xC2...0xDF:
      try continuation(offset + 1)
      return 2
    case 0xE0:
      try continuation(offset + 1, 0xA0...0xBF)
      try continuation(offset + 2)
      return 3
    case 0xE1...0xEC, 0xEE...0xEF:
      try continuation(offset + 1)
      try continuation(offset + 2)
      return 3
    case 0xED:
      try continuation(offset + 1, 0x80...0x9F)
      try continuation(offset + 2)
      return 3
    case 0xF0:
      try continuation(offset + 1, 0x90...0xBF)
      try continuation(offset + 2)
      try continuation(offset + 3)
      return 4
    case 0xF1...0xF3:
      try continuation(offset + 1)
      try continuation(offset + 2)
      try continuation(offset + 3)
      return 4
    case 0xF4:
      try continuation(offset + 1, 0x80...0x8F)
      try continuation(offset + 2)
      try continuation(offset + 3)
      return 4
    default:
      throw invalid
    }
  }

  mutating func parseNumber() throws(JSONParseError) -> Double {
    let start = index
    if bytes[index] == 0x2D { index += 1 }
    guard index < bytes.count else { throw fail(.unexpectedEnd) }
    if bytes[index] == 0x30 {
      index += 1
      if index < bytes.count, (0x30...0x39).contains(bytes[index]) {
        throw fail(.invalidNumber, at: start)
      }
    } else if (0x31...0x39).contains(bytes[index]) {
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
    } else {
      throw fail(.invalidNumber, at: start)
    }
    if index < bytes.count && bytes[index] == 0x2E {
      index += 1
      let digits = index
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      guard index > digits else { throw fail(.invalidNumber, at: start) }
    }
    if index < bytes.count && (bytes[index] == 0x65 || bytes[index] == 0x45) {
      index += 1
      if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) { index += 1 }
      let digits = index
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      guard index > digits else { throw fail(.invalidNumber, at: start) }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text) else { throw fail(.invalidNumber, at: start) }
    guard value.isFinite else { throw fail(.numberOutOfRange, at: start) }
    return value
  }
}
