/// One reason a menu cannot be published as it is.
public struct ValidationFinding: Sendable, Equatable {
  /// The rule a finding breaks.
  public enum Rule: String, Sendable, Equatable, CaseIterable {
    /// Too few or too many top-level buttons.
    case buttonCount = "button-count"
    /// Too many sub-buttons under a parent.
    case subButtonCount = "sub-button-count"
    /// A sub-button that has sub-buttons itself.
    case menuDepth = "menu-depth"
    /// A missing or too long name.
    case nameLength = "name-length"
    /// A too long key.
    case keyLength = "key-length"
    /// A too long url.
    case urlLength = "url-length"
    /// A leaf with no type.
    case typeRequired = "type-required"
    /// A leaf missing a field its type needs.
    case fieldRequired = "field-required"
    /// A parent carrying a type or an action field.
    case actionOnParent = "no-action-on-parent"
    /// A type this platform does not accept.
    case typeNotSupported = "type-not-supported"
    /// A marked unpublishable entry (temporary media, unknown website type).
    case unpublishable = "unpublishable"
    /// A conditional menu with an empty match rule.
    case emptyMatchRule = "empty-match-rule"
    /// Conditional menus on a platform that has none.
    case conditionalNotSupported = "conditional-not-supported"
  }

  /// Where: the button path in the normalized document (`button[1].sub_button[0].name`).
  public var path: String
  /// The rule broken.
  public var rule: Rule
  /// The limit, as text (`16 bytes`, `1-3`), when the rule has one.
  public var limit: String?
  /// The actual value, as text (`17 bytes`, `4`), when there is one.
  public var actual: String?
  /// The error code WeChat answers this with, when known.
  public var wechatErrorCode: Int?
  /// What is wrong and what to do, lowercase.
  public var message: String

  /// One line for a terminal: `button[0].name: name-length: ... (limit 16 bytes, actual 17 bytes)`.
  public var line: String {
    var text = "\(path): \(rule.rawValue): \(message)"
    switch (limit, actual) {
    case (let limit?, let actual?): text += " (limit \(limit), actual \(actual))"
    case (let limit?, nil): text += " (limit \(limit))"
    case (nil, let actual?): text += " (actual \(actual))"
    case (nil, nil): break
    }
    return text
  }
}
