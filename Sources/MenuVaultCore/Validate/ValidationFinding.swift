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
    /// A conditional menu matching on a field WeChat retired for privacy (sex, region, language).
    case privacyMatchField = "privacy-match-field"
    /// Conditional menus that together link to more domains than allowed.
    case linkDomains = "link-domains"
    /// A button type the current conditional-menu page does not list (a warning: the sources
    /// disagree).
    case conditionalTypeUnlisted = "conditional-type-unlisted"
    /// A button or member carried over lossily (a website `text` button that became a `click`,
    /// a member normalization ignores): a warning, since publishing such a menu must be allowed
    /// explicitly.
    case lossyConversion = "lossy-conversion"
  }

  /// Whether a finding refuses the menu or only warns.
  public enum Severity: String, Sendable, Equatable {
    /// The platform refuses the menu: nothing is sent.
    case error
    /// The menu may be refused or behave unexpectedly; it is published unless strict.
    case warning
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
  /// Whether the finding refuses the menu (the default) or only warns.
  public var severity: Severity = .error

  /// Creates a finding.
  public init(
    path: String, rule: Rule, limit: String?, actual: String?, wechatErrorCode: Int?,
    message: String, severity: Severity = .error
  ) {
    self.path = path
    self.rule = rule
    self.limit = limit
    self.actual = actual
    self.wechatErrorCode = wechatErrorCode
    self.message = message
    self.severity = severity
  }

  /// Whether the platform refuses a menu with this finding.
  public var isRefusal: Bool { severity == .error }

  /// One line for a terminal: `button[0].name: name-length: ... (limit 16 bytes, actual 17 bytes)`.
  public var line: String {
    var text = "\(path): \(severity == .warning ? "warning: " : "")\(rule.rawValue): \(message)"
    switch (limit, actual) {
    case (let limit?, let actual?): text += " (limit \(limit), actual \(actual))"
    case (let limit?, nil): text += " (limit \(limit))"
    case (nil, let actual?): text += " (actual \(actual))"
    case (nil, nil): break
    }
    return text
  }
}
