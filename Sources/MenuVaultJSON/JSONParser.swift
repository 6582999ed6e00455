import Foundation

/// A strict JSON parser over UTF-8 bytes: the RFC 8259 grammar plus what RFC 8785 and I-JSON
/// (RFC 7493) refuse, with the byte offset of every error.
///
/// Refused beyond the grammar: duplicate object keys (compared byte for byte after unescaping, so
/// `"\u0061"` and `"a"` collide while canonically equivalent spellings such as `"Å"` and
/// `"A\u030a"` do not), lone surrogates in `\u` escapes, ill-formed UTF-8, numbers too large for a
/// double (underflow to zero is accepted), and nesting deeper than `maximumDepth`. A single
/// leading UTF-8 byte order mark is skipped.
///
/// The parser keeps its own stack instead of recursing, so no input (and no `maximumDepth`) can
/// overflow the thread's stack.
public enum JSONParser {
  /// Parses a complete JSON document.
  /// - Parameters:
  ///   - bytes: the document as UTF-8.
  ///   - maximumDepth: the deepest nesting of arrays and objects accepted; 256 by default.
  /// - Returns: the document's value; objects keep their members in document order.
  /// - Throws: ``JSONParseError`` naming the reason and the byte offset.
  public static func parse(_ bytes: [UInt8], maximumDepth: Int = 256) throws(JSONParseError)
    -> JSONValue
  {
    try parse(bytes, maximumDepth: maximumDepth, knownKeys: .empty)
  }

  /// Parses a complete JSON document held in `data` (see ``parse(_:maximumDepth:)-([UInt8],_)``).
  /// - Throws: ``JSONParseError`` naming the reason and the byte offset.
  public static func parse(_ data: Data, maximumDepth: Int = 256) throws(JSONParseError)
    -> JSONValue
  {
    let result = data.withUnsafeBytes { raw in
      parse(
        buffer: raw.assumingMemoryBound(to: UInt8.self), maximumDepth: maximumDepth,
        knownKeys: .empty)
    }
    return try result.get()
  }

  /// Parses a complete JSON document, handing out the strings of `knownKeys` for the member
  /// names it holds: the same value as ``parse(_:maximumDepth:)-([UInt8],_)``, made faster for
  /// documents whose member names come from a small known set.
  package static func parse(
    _ bytes: [UInt8], maximumDepth: Int = 256, knownKeys: JSONKeyTable
  ) throws(JSONParseError) -> JSONValue {
    let result = bytes.withUnsafeBufferPointer { buffer in
      parse(buffer: buffer, maximumDepth: maximumDepth, knownKeys: knownKeys)
    }
    return try result.get()
  }

  private static func parse(
    buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int, knownKeys: JSONKeyTable
  ) -> Result<JSONValue, JSONParseError> {
    var parser = JSONByteParser(input: buffer, maximumDepth: maximumDepth, knownKeys: knownKeys)
    do throws(JSONParseError) {
      return .success(try parser.parseDocument())
    } catch {
      return .failure(error)
    }
  }
}

/// The parser's state over one input buffer. Open arrays and objects live on `frames`; their
/// finished elements wait on `pendingValues` (and object keys on `pendingKeys`) until the closing
/// bracket turns them into one value.
struct JSONByteParser {
  /// An array or object whose closing bracket has not been seen yet.
  private struct Frame {
    var isObject: Bool
    /// Where this container's elements start in `pendingValues`.
    var valueStart: Int
    /// Where this object's keys start in `pendingKeys`.
    var keyStart: Int
    /// The object's keys once it has too many for a linear duplicate scan.
    var keyIndex: Set<ExactKey> = []
  }

  let input: UnsafeBufferPointer<UInt8>
  let end: Int
  private let maximumDepth: Int
  /// Member names handed out without parsing them as strings.
  private let knownKeys: JSONKeyTable
  var index = 0
  private var frames: [Frame] = []
  private var pendingValues: [JSONValue] = []
  private var pendingKeys: [String] = []
  /// Reused for strings that contain escapes.
  var scratch: [UInt8] = []

  /// Objects with more keys than this check duplicates with a hash set instead of a scan.
  private static let linearKeyScanLimit = 16

  init(input: UnsafeBufferPointer<UInt8>, maximumDepth: Int, knownKeys: JSONKeyTable) {
    self.input = input
    self.end = input.count
    self.maximumDepth = maximumDepth
    self.knownKeys = knownKeys
    // Room for a typical document, so the stacks do not grow step by step for each one.
    frames.reserveCapacity(16)
    pendingValues.reserveCapacity(64)
    pendingKeys.reserveCapacity(64)
  }

  /// Parses the whole input: an optional BOM, one value, and nothing but whitespace after it.
  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if end >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { index = 3 }
    skipWhitespace()
    guard index < end else { throw fail(.emptyInput) }
    let value = try parseValue()
    skipWhitespace()
    guard index == end else { throw fail(.trailingContent) }
    return value
  }

  func fail(_ reason: JSONParseError.Reason) -> JSONParseError {
    JSONParseError(offset: index, reason: reason)
  }

  func fail(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
    JSONParseError(offset: offset, reason: reason)
  }

  /// The byte at the current position, or an `unexpectedEnd` error.
  func currentByte() throws(JSONParseError) -> UInt8 {
    guard index < end else { throw fail(.unexpectedEnd) }
    return input[index]
  }

  private mutating func skipWhitespace() {
    while index < end {
      switch input[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  // MARK: - Structure

  /// Parses one value, nested containers included, without recursion.
  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
    nextValue: while true {
      skipWhitespace()
      var value: JSONValue
      let byte = try currentByte()
      switch byte {
      case 0x22:  // "
        value = .string(try parseString())
      case 0x5B:  // [
        try openContainer(isObject: false)
        skipWhitespace()
        guard index < end, input[index] == 0x5D else { continue nextValue }
        index += 1
        frames.removeLast()
        value = .array([])
      case 0x7B:  // {
        try openContainer(isObject: true)
        skipWhitespace()
        guard index < end, input[index] == 0x7D else {
          try parseMemberName()
          continue nextValue
        }
        index += 1
        frames.removeLast()
        value = .object([])
      case 0x74:  // t
        try expectLiteral("true")
        value = .bool(true)
      case 0x66:  // f
        try expectLiteral("false")
        value = .bool(false)
      case 0x6E:  // n
        try expectLiteral("null")
        value = .null
      case 0x2D, 0x30...0x39:  // - 0-9
        value = .number(try parseNumber())
      default:
        throw fail(.unexpectedByte(byte))
      }

      // The value is complete: hand it to the enclosing container and close every container
      // that ends right after it.
      while !frames.isEmpty {
        pendingValues.append(value)
        skipWhitespace()
        let isObject = frames[frames.count - 1].isObject
        let byte = try currentByte()
        if byte == 0x2C {  // ,
          index += 1
          if isObject {
            skipWhitespace()
            try parseMemberName()
          }
          continue nextValue
        }
        guard byte == (isObject ? 0x7D : 0x5D) else { throw fail(.unexpectedByte(byte)) }
        index += 1
        value = closeContainer()
      }
      return value
    }
  }

  private mutating func openContainer(isObject: Bool) throws(JSONParseError) {
    guard frames.count < maximumDepth else { throw fail(.tooDeep(limit: maximumDepth)) }
    index += 1
    frames.append(
      Frame(isObject: isObject, valueStart: pendingValues.count, keyStart: pendingKeys.count))
  }

  private mutating func closeContainer() -> JSONValue {
    let frame = frames.removeLast()
    let count = pendingValues.count - frame.valueStart
    // The elements are moved off the stacks into place, last first, instead of being copied and
    // then removed: no reference counting per element.
    guard frame.isObject else {
      return .array(
        Array(unsafeUninitializedCapacity: count) { elements, initialized in
          for position in stride(from: count - 1, through: 0, by: -1) {
            elements.initializeElement(at: position, to: pendingValues.removeLast())
          }
          initialized = count
        })
    }
    return .object(
      Array(unsafeUninitializedCapacity: count) { members, initialized in
        for position in stride(from: count - 1, through: 0, by: -1) {
          members.initializeElement(
            at: position, to: JSONMember(pendingKeys.removeLast(), pendingValues.removeLast()))
        }
        initialized = count
      })
  }

  /// Reads `"name" :` inside an object, refusing a name the object already has.
  private mutating func parseMemberName() throws(JSONParseError) {
    let keyOffset = index
    let byte = try currentByte()
    guard byte == 0x22 else { throw fail(.unexpectedByte(byte)) }
    let key: String
    if let known = knownKey() { key = known } else { key = try parseString() }
    try recordKey(key, at: keyOffset)
    skipWhitespace()
    let colon = try currentByte()
    guard colon == 0x3A else { throw fail(.unexpectedByte(colon)) }
    index += 1
  }

  /// When the string at the current position (its opening quote) is one of `knownKeys`, written
  /// without escapes: that name (a string that costs nothing to make), with the position moved
  /// past the closing quote. Else `nil`, the position unchanged.
  private mutating func knownKey() -> String? {
    let longest = knownKeys.longestLength
    let start = index + 1
    var end = start
    // Stops at the first byte no known name holds (the closing quote, say).
    while end < self.end && end - start <= longest && knownKeys.occursInSomeName[Int(input[end])] {
      end += 1
    }
    guard end < self.end, input[end] == 0x22, end - start <= longest,
      let base = input.baseAddress
    else { return nil }
    for candidate in knownKeys.entriesByLength[end - start] {
      let matches = candidate.bytes.withUnsafeBufferPointer { bytes in
        bytes.baseAddress.map { memcmp(base + start, $0, bytes.count) == 0 } ?? false
      }
      if matches {
        index = end + 1
        return candidate.name
      }
    }
    return nil
  }

  /// Adds `key` to the innermost object. Keys are compared by their UTF-8 bytes: Swift's `==`
  /// on `String` treats canonically equivalent strings as equal, which JSON does not.
  private mutating func recordKey(_ key: String, at offset: Int) throws(JSONParseError) {
    let frameIndex = frames.count - 1
    let keyStart = frames[frameIndex].keyStart
    let count = pendingKeys.count - keyStart
    if count < Self.linearKeyScanLimit {
      for existing in pendingKeys[keyStart...]
      where existing.utf8.count == key.utf8.count && existing.utf8.elementsEqual(key.utf8) {
        throw fail(.duplicateKey(key), at: offset)
      }
      if count + 1 == Self.linearKeyScanLimit {
        frames[frameIndex].keyIndex = Set(pendingKeys[keyStart...].map(ExactKey.init))
        frames[frameIndex].keyIndex.insert(ExactKey(key))
      }
    } else if !frames[frameIndex].keyIndex.insert(ExactKey(key)).inserted {
      throw fail(.duplicateKey(key), at: offset)
    }
    pendingKeys.append(key)
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    for byte in expected {
      let actual = try currentByte()
      guard actual == byte else { throw fail(.unexpectedByte(actual)) }
      index += 1
    }
  }
}

/// An object key compared and hashed by its UTF-8 bytes (not by canonical equivalence).
private struct ExactKey: Hashable {
  let text: String

  init(_ text: String) {
    self.text = text
  }

  static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
    lhs.text.utf8.elementsEqual(rhs.text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    for byte in text.utf8 { hasher.combine(byte) }
    hasher.combine(0xFF as UInt8)  // never a UTF-8 byte: ends the key
  }
}
