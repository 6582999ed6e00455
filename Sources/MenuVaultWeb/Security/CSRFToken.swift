/// The per-process secret every form that changes something carries in a hidden field
/// (`csrf_token`): a page of another site cannot read it, so it cannot post the form.
struct CSRFToken: Sendable {
  /// The name of the hidden form field.
  static let fieldName = "csrf_token"

  /// 32 random bytes as 64 hex digits.
  let value: String

  /// A new random token (the system's cryptographically secure generator).
  init() {
    var generator = SystemRandomNumberGenerator()
    value = (0..<32).map { _ in
      let byte = UInt8.random(in: .min ... .max, using: &generator)
      return String(byte, radix: 16).leftPadded(to: 2)
    }.joined()
  }

  /// Whether `candidate` is this token, compared in constant time.
  func matches(_ candidate: String?) -> Bool {
    guard let candidate else { return false }
    let expected = Array(value.utf8)
    let given = Array(candidate.utf8)
    guard expected.count == given.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(expected, given) { difference |= left ^ right }
    return difference == 0
  }
}

extension String {
  /// This string with zeros in front up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
