/// How faithfully a button (or a whole document) was carried into the create-API form.
///
/// Ordered from best to worst, so the fidelity of a document is the `max` of its buttons'.
public enum Fidelity: String, Sendable, Equatable, Comparable, CaseIterable, Codable {
  /// Passed through unchanged: publishing it recreates exactly what was read.
  case exact
  /// Rewritten into an equivalent create-API form (a website `news` button with a permanent id).
  case converted
  /// Rewritten into something that behaves differently (a `text` button that becomes a `click`).
  case lossy
  /// Cannot be published as it is (temporary media, unknown type) until a person maps it.
  case unpublishable

  private var rank: Int {
    switch self {
    case .exact: return 0
    case .converted: return 1
    case .lossy: return 2
    case .unpublishable: return 3
    }
  }

  /// Whether `lhs` is better (closer to exact) than `rhs`.
  public static func < (lhs: Fidelity, rhs: Fidelity) -> Bool { lhs.rank < rhs.rank }
}
