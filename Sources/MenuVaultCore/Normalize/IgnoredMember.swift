import MenuVaultJSON

/// How a note names the members that normalization does not carry over, with a suggestion when
/// one is a near miss of a member the same object may have (`appId` for `appid`).
enum IgnoredMember {
  /// `ignored: appId — did you mean appid?, comment`.
  static func describe(_ members: [String], among known: [String]) -> String {
    let named = members.map { member in
      suggestion(for: member, among: known).map { "\(member) — did you mean \($0)?" } ?? member
    }
    return "ignored: " + named.joined(separator: ", ")
  }

  /// The known member that `member` differs from only in case, underscores, hyphens or a
  /// trailing `s`.
  static func suggestion(for member: String, among known: [String]) -> String? {
    let folded = fold(member)
    return known.first { $0 != member && fold($0) == folded }
  }

  private static func fold(_ name: String) -> String {
    var folded = name.lowercased().filter { $0 != "_" && $0 != "-" }
    if folded.count > 1 && folded.hasSuffix("s") { folded.removeLast() }
    return folded
  }
}

extension JSONValue {
  /// Whether the value says nothing: `null`, `""`, `[]` or `{}`, which normalization drops by
  /// rule.
  var isEmptyValue: Bool {
    switch self {
    case .null: return true
    case .string(let text): return text.isEmpty
    case .array(let items): return items.isEmpty
    case .object(let members): return members.isEmpty
    default: return false
    }
  }
}
