/// ECMAScript `Number.prototype.toString` for doubles, as RFC 8785 section 3.2.2.3 requires.
///
/// See <https://262.ecma-international.org/#sec-numeric-types-number-tostring>.
public enum ECMAScriptNumber {
  /// The ECMAScript form of `value`, or `nil` for NaN and the infinities (which JSON cannot hold).
  ///
  /// The digits are the shortest that round-trip, taken from Swift's `description` (also
  /// shortest round-trip, nearest to the value); they are laid out by the ECMAScript rules:
  /// plain notation for 1e-6 <= |x| < 1e21 (`0.000001`, `999999999999999900000`), otherwise
  /// `d[.ddd]e+N` or `d[.ddd]e-N` (`1e+21`, `1e-7`); `-0` is `0`.
  public static func format(_ value: Double) -> String? {
    var output: [UInt8] = []
    output.reserveCapacity(24)
    guard append(value, to: &output) else { return nil }
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the ECMAScript form of `value` to `output`; returns `false` (appending nothing)
  /// for NaN and the infinities.
  static func append(_ value: Double, to output: inout [UInt8]) -> Bool {
    guard value.isFinite else { return false }
    if value == 0 {
      output.append(0x30)
      return true
    }
    if value < 0 { output.append(0x2D) }
    let magnitude = value.magnitude
    // Integers below 2^53 are their own shortest round-trip digits.
    if magnitude < 9_007_199_254_740_992, magnitude.rounded(.towardZero) == magnitude {
      appendDecimal(UInt64(magnitude), to: &output)
      return true
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(17)
    let pointPosition = shortestDigits(magnitude, into: &digits)
    layOut(digits: digits, pointPosition: pointPosition, to: &output)
    return true
  }

  /// Writes `digits` (k of them, no leading or trailing zeros) with value
  /// `0.d1...dk * 10^n`, `n` being `pointPosition`, by ECMAScript's Number::toString steps.
  private static func layOut(digits: [UInt8], pointPosition n: Int, to output: inout [UInt8]) {
    let k = digits.count
    if k <= n && n <= 21 {
      // 123000
      output.append(contentsOf: digits)
      output.append(contentsOf: repeatElement(0x30, count: n - k))
    } else if 0 < n && n <= 21 {
      // 123.456
      output.append(contentsOf: digits[..<n])
      output.append(0x2E)
      output.append(contentsOf: digits[n...])
    } else if -6 < n && n <= 0 {
      // 0.000123
      output.append(contentsOf: [0x30, 0x2E])
      output.append(contentsOf: repeatElement(0x30, count: -n))
      output.append(contentsOf: digits)
    } else {
      // 1.23e+45, 1e-7
      output.append(digits[0])
      if k > 1 {
        output.append(0x2E)
        output.append(contentsOf: digits[1...])
      }
      output.append(0x65)
      let exponent = n - 1
      output.append(exponent < 0 ? 0x2D : 0x2B)
      appendDecimal(UInt64(exponent.magnitude), to: &output)
    }
  }

  /// Fills `digits` with the shortest round-trip decimal digits of a positive finite double
  /// (ASCII, no leading or trailing zeros) and returns `n` with the value `0.digits * 10^n`.
  static func shortestDigits(_ value: Double, into digits: inout [UInt8]) -> Int {
    // Swift writes e.g. "1e-07", "5e-324", "1.7976931348623157e+308", "123.456", "1e+16".
    var text = value.description
    return text.withUTF8 { utf8 in
      var integerDigits = 0
      var seenPoint = false
      var exponent = 0
      var exponentNegative = false
      var inExponent = false
      for byte in utf8 {
        switch byte {
        case 0x30...0x39 where inExponent:
          exponent = exponent * 10 + Int(byte - 0x30)
        case 0x30...0x39:
          digits.append(byte)
          if !seenPoint { integerDigits += 1 }
        case 0x2E:
          seenPoint = true
        case 0x65, 0x45:
          inExponent = true
        case 0x2D:
          exponentNegative = true
        default:
          break  // "+"
        }
      }
      var pointPosition = integerDigits + (exponentNegative ? -exponent : exponent)
      // "0.00123" -> 123 with the point moved left; "100.0" -> 1.
      let leadingZeros = digits.prefix(while: { $0 == 0x30 }).count
      digits.removeFirst(leadingZeros)
      pointPosition -= leadingZeros
      while digits.last == 0x30 { digits.removeLast() }
      return pointPosition
    }
  }

  /// Appends the decimal digits of `number`.
  private static func appendDecimal(_ number: UInt64, to output: inout [UInt8]) {
    let start = output.count
    var rest = number
    repeat {
      output.append(0x30 + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    output[start...].reverse()
  }
}
