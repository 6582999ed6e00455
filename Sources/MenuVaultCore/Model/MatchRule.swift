/// Who sees a conditional menu (`matchrule`). Values are kept as strings, as the create API
/// takes them; menu/get may report some as numbers, which normalization turns into strings.
public struct MatchRule: Sendable, Equatable {
  /// The match-rule fields in the order MenuVault writes them.
  public enum Field: String, Sendable, Equatable, CaseIterable {
    /// A user tag id.
    case tagID = "tag_id"
    /// 1 iOS, 2 Android, 3 others.
    case clientPlatformType = "client_platform_type"
    /// The older user-group id.
    case groupID = "group_id"
    /// The older gender rule: 1 male, 2 female.
    case sex
    /// The older country rule.
    case country
    /// The older province rule.
    case province
    /// The older city rule.
    case city
    /// The older client-language rule.
    case language
  }

  /// The non-empty fields of the rule.
  public var values: [Field: String]

  /// Creates a rule from its non-empty fields.
  public init(_ values: [Field: String] = [:]) {
    self.values = values.filter { !$0.value.isEmpty }
  }

  /// Whether no field is set (the API refuses such a rule with 65304).
  public var isEmpty: Bool { values.isEmpty }

  /// The value of one field.
  public subscript(field: Field) -> String? {
    get { values[field] }
    set { values[field] = newValue?.isEmpty == true ? nil : newValue }
  }
}

extension MatchRule.Field {
  /// Whether WeChat stopped matching users by this field (sex, region, language). Since its
  /// privacy change a new conditional menu holding one is refused with 65320, and an older menu
  /// holding one matches nobody.
  public var isRetiredForPrivacy: Bool {
    switch self {
    case .sex, .country, .province, .city, .language: return true
    case .tagID, .clientPlatformType, .groupID: return false
    }
  }
}

extension MatchRule {
  /// The fields of this rule that WeChat no longer matches on, in ``Field`` order.
  public var retiredPrivacyFields: [Field] {
    Field.allCases.filter { $0.isRetiredForPrivacy && values[$0] != nil }
  }

  /// Whether a conditional menu with this rule can match anyone today: it holds no retired
  /// privacy field.
  public var isActive: Bool { retiredPrivacyFields.isEmpty }
}
