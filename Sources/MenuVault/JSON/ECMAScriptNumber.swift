/// ECMAScript `Number.prototype.toString` for doubles, as RFC 8785 section 3.2.2.3 requires.
public enum ECMAScriptNumber {
  /// The ECMAScript form of `value`, or `nil` for NaN and the infinities (which JSON cannot hold).
  ///
  /// Shortest round-trip digits come from Swift's `description` (also shortest round-trip); they
  /// are re-laid out by the ECMAScript rules: plain notation for 1e-6 <= |x| < 1e21, otherwise
  /// `d[.ddd]e+N` / `e-N`; `-0` is `0`.
  public static func format(_ value: Double) -> String? {
    guard value.isFinite else { return nil }
    if value == 0 { return "0" }
    let (digits, pointPosition) = shortestDigits(abs(value))
    let sign = value < 0 ? "-" : ""
    let count = digits.count
    let n = pointPosition  // value = 0.d1d2...dk * 10^n
    if count <= n && n <= 21 {
      return sign + digits + String(repeating: "0", count: n - count)
    }
    if 0 < n && n <= 21 {
      let index = digits.index(digits.startIndex, offsetBy: n)
      return sign + digits[..<index] + "." + digits[index...]
    }
    if -6 < n && n <= 0 {
      return sign + "0." + String(repeating: "0", count: -n) + digits
    }
    let exponent = n - 1
    let exponentText = exponent < 0 ? "-\(-exponent)" : "+\(exponent)"
    let mantissa =
      count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
    return sign + mantissa + "e" + exponentText
  }

  /// The shortest round-trip decimal digits of a positive finite double (no leading or trailing
  /// zeros) and `n` such that the value is `0.digits * 10^n`.
  static func shortestDigits(_ value: Double) -> (String, Int) {
    // Swift prints e.g. "1e-07", "5e-324", "1.7976931348623157e+308", "123.456", "1e+16".
    let text = value.description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var integerPart = mantissa
    var fractionPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      integerPart = mantissa[..<dot]
      fractionPart = mantissa[mantissa.index(after: dot)...]
    }
    var digits = String(integerPart) + String(fractionPart)
    var pointPosition = integerPart.count + exponent
    // Strip leading zeros (0.00123 -> 123 with the point moved) and trailing zeros.
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 {
      digits.removeLast()
    }
    return (digits, pointPosition)
  }
}
