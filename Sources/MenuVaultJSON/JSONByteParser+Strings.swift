/// Strings: escapes, surrogate pairs and UTF-8 validation.
extension JSONByteParser {
  /// Parses a string whose opening quote is at the current position.
  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, so the string is the input bytes themselves once validated.
    skipPlainASCII()
    while index < end {
      let byte = input[index]
      if byte == 0x22 {
        let text = String(decoding: slice(start, index), as: UTF8.self)
        index += 1
        return text
      }
      if byte == 0x5C { break }
      if byte < 0x20 { throw fail(.controlCharacterInString) }
      index = byte < 0x80 ? index + 1 : try endOfUTF8Sequence(at: index)
    }
    guard index < end else { throw fail(.unexpectedEnd) }

    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: slice(start, index))
    while index < end {
      let byte = input[index]
      switch byte {
      case 0x22:
        index += 1
        return String(decoding: scratch, as: UTF8.self)
      case 0x5C:
        try decodeEscape()
      case 0x00..<0x20:
        throw fail(.controlCharacterInString)
      case 0x20..<0x80:
        scratch.append(byte)
        index += 1
      default:
        let sequenceEnd = try endOfUTF8Sequence(at: index)
        scratch.append(contentsOf: slice(index, sequenceEnd))
        index = sequenceEnd
      }
    }
    throw fail(.unexpectedEnd)
  }

  /// Skips eight bytes at a time while none is a quote, a backslash, a control character or
  /// non-ASCII: the common case inside strings.
  private mutating func skipPlainASCII() {
    guard let base = input.baseAddress else { return }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= end {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      let quotes = word ^ (ones &* 0x22)
      let backslashes = word ^ (ones &* 0x5C)
      // A byte is zero, or below 0x20, exactly when its high bit is set here (for ASCII bytes).
      let special =
        ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
        | ((word &- ones &* 0x20) & ~word) | word
      guard special & highBits == 0 else { return }
      index += 8
    }
  }

  func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: input[from..<to])
  }

  /// Decodes the escape at the current position (a backslash) into `scratch`.
  private mutating func decodeEscape() throws(JSONParseError) {
    let escapeStart = index
    guard index + 1 < end else { throw fail(.unexpectedEnd, at: end) }
    let decoded: UInt8
    switch input[index + 1] {
    case 0x22: decoded = 0x22  // \"
    case 0x5C: decoded = 0x5C  // \\
    case 0x2F: decoded = 0x2F  // \/
    case 0x62: decoded = 0x08  // \b
    case 0x66: decoded = 0x0C  // \f
    case 0x6E: decoded = 0x0A  // \n
    case 0x72: decoded = 0x0D  // \r
    case 0x74: decoded = 0x09  // \t
    case 0x75:  // \uXXXX
      index += 2
      try decodeUnicodeEscape(escapeStart: escapeStart)
      return
    default:
      throw fail(.invalidEscape)
    }
    scratch.append(decoded)
    index += 2
  }

  /// Decodes the four hex digits after `\u` (and a second `\uXXXX` for a surrogate pair).
  private mutating func decodeUnicodeEscape(escapeStart: Int) throws(JSONParseError) {
    let unit = try hex4(escapeStart: escapeStart)
    var scalar = unit
    switch unit {
    case 0xD800...0xDBFF:
      guard index + 1 < end, input[index] == 0x5C, input[index + 1] == 0x75 else {
        throw fail(.loneSurrogate, at: escapeStart)
      }
      let lowStart = index
      index += 2
      let low = try hex4(escapeStart: lowStart)
      guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate, at: escapeStart) }
      scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
    case 0xDC00...0xDFFF:
      throw fail(.loneSurrogate, at: escapeStart)
    default:
      break
    }
    appendUTF8(scalar)
  }

  private mutating func hex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = try currentByte()
      guard let digit = Hex.value(ofDigit: byte) else {
        throw fail(.invalidEscape, at: escapeStart)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  /// Appends a scalar value (never a surrogate) to `scratch` as UTF-8.
  private mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      scratch.append(UInt8(scalar))
    case 0x80..<0x800:
      scratch.append(UInt8(0xC0 | scalar >> 6))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      scratch.append(UInt8(0xE0 | scalar >> 12))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    default:
      scratch.append(UInt8(0xF0 | scalar >> 18))
      scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// The end of the well-formed multi-byte UTF-8 sequence that starts at `offset` (Unicode
  /// table 3-7: no overlongs, no encoded surrogates, nothing above U+10FFFF, nothing truncated).
  private func endOfUTF8Sequence(at offset: Int) throws(JSONParseError) -> Int {
    let lead = input[offset]
    let length: Int
    var secondLow: UInt8 = 0x80
    var secondHigh: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: (length, secondLow) = (3, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: (length, secondHigh) = (3, 0x9F)
    case 0xF0: (length, secondLow) = (4, 0x90)
    case 0xF1...0xF3: length = 4
    case 0xF4: (length, secondHigh) = (4, 0x8F)
    default: throw fail(.invalidUTF8, at: offset)
    }
    guard offset + length <= end else { throw fail(.invalidUTF8, at: offset) }
    let second = input[offset + 1]
    guard second >= secondLow && second <= secondHigh else { throw fail(.invalidUTF8, at: offset) }
    for position in (offset + 2)..<(offset + length) where input[position] & 0xC0 != 0x80 {
      throw fail(.invalidUTF8, at: offset)
    }
    return offset + length
  }
}
