/// Numbers: the JSON grammar, then a correctly rounded double.
extension JSONByteParser {
  /// Parses a number at the current position. Grammar errors and overflow are reported at the
  /// number's first byte.
  mutating func parseNumber() throws(JSONParseError) -> Double {
    let start = index
    let negative = input[index] == 0x2D
    if negative { index += 1 }

    // Up to 19 significant digits fit in a UInt64; more send the number to the slow path.
    var significand: UInt64 = 0
    var significantDigits = 0
    var fractionDigits = 0
    var exact = true
    func accumulate(_ byte: UInt8) {
      if significand == 0 && byte == 0x30 { return }
      if significantDigits < 19 {
        significand = significand &* 10 &+ UInt64(byte - 0x30)
        significantDigits += 1
      } else {
        exact = false
      }
    }

    guard index < end, isDigit(input[index]) else { throw fail(.invalidNumber, at: start) }
    if input[index] == 0x30 {
      index += 1
      if index < end && isDigit(input[index]) { throw fail(.invalidNumber, at: start) }
    } else {
      while index < end && isDigit(input[index]) {
        accumulate(input[index])
        index += 1
      }
    }
    if index < end && input[index] == 0x2E {  // .
      index += 1
      guard index < end, isDigit(input[index]) else { throw fail(.invalidNumber, at: start) }
      while index < end && isDigit(input[index]) {
        accumulate(input[index])
        fractionDigits += 1
        index += 1
      }
    }
    var exponent = 0
    if index < end && (input[index] | 0x20) == 0x65 {  // e or E
      index += 1
      var exponentNegative = false
      if index < end && (input[index] == 0x2B || input[index] == 0x2D) {
        exponentNegative = input[index] == 0x2D
        index += 1
      }
      guard index < end, isDigit(input[index]) else { throw fail(.invalidNumber, at: start) }
      while index < end && isDigit(input[index]) {
        exponent = min(exponent * 10 + Int(input[index] - 0x30), 1_000_000)
        index += 1
      }
      if exponentNegative { exponent = -exponent }
    }

    // Clinger's fast path: an exact integer significand times an exact power of ten is
    // correctly rounded by one IEEE multiplication or division.
    let decimalExponent = exponent - fractionDigits
    if significand == 0 && exact {
      return negative ? -0.0 : 0.0
    }
    if exact && significand <= 1 << 53 && (-22...22).contains(decimalExponent) {
      let magnitude =
        decimalExponent >= 0
        ? Double(significand) * Self.powersOfTen[decimalExponent]
        : Double(significand) / Self.powersOfTen[-decimalExponent]
      return negative ? -magnitude : magnitude
    }

    // Slow path: the C library's correctly rounded conversion of the validated text.
    let text = String(decoding: slice(start, index), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw fail(.numberOutOfRange, at: start)
    }
    return value
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte &- 0x30 < 10
  }

  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}
