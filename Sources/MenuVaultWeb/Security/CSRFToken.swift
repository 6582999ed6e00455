import MenuVault

/// The per-process secret every form that changes something carries in a hidden field
/// (`csrf_token`): a page of another site cannot read it, so it cannot post the form.
struct CSRFToken: Sendable {
  /// 32 random bytes as 64 hex digits.
  let value: String

  /// A new random token (the system's cryptographically secure generator).
  init() {
    var generator = SystemRandomNumberGenerator()
    value = Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
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
