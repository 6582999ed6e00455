import MenuVaultJSON

/// A conditional menu that has matched nobody since WeChat's privacy change: its rule holds a
/// field WeChat no longer matches on (sex, country, province, city, language).
public struct InactiveConditionalMenu: Sendable, Equatable, Codable {
  /// Its position among the set's conditional menus (`conditionalmenu[index]`).
  public var index: Int
  /// The retired fields that make it inactive, in match-rule field order (`["sex"]`).
  public var fields: [String]
  /// Its whole match rule as `field=value` pairs, for naming it (`sex=1, tag_id=2`).
  public var rule: String

  /// Its path in the normalized document.
  public var path: String { "conditionalmenu[\(index)]" }

  /// Creates an entry.
  public init(index: Int, fields: [String], rule: String) {
    self.index = index
    self.fields = fields
    self.rule = rule
  }

  enum CodingKeys: String, CodingKey {
    case path, fields, rule
  }

  /// Encodes `{"path": "conditionalmenu[1]", "fields": ["sex"], "rule": "sex=1"}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .path)
    try container.encode(fields, forKey: .fields)
    try container.encode(rule, forKey: .rule)
  }

  /// Decodes what ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let path = try container.decode(String.self, forKey: .path)
    guard path.hasPrefix("conditionalmenu["), path.hasSuffix("]"),
      let index = Int(path.dropFirst("conditionalmenu[".count).dropLast())
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .path, in: container, debugDescription: "not a conditionalmenu[N] path: \(path)")
    }
    self.init(
      index: index, fields: try container.decode([String].self, forKey: .fields),
      rule: try container.decode(String.self, forKey: .rule))
  }

  /// One lowercase line: `conditionalmenu[1] (sex=1, language=zh_CN) is inactive: ...`.
  public var line: String {
    "\(path) (\(rule)) is inactive: WeChat no longer matches users by "
      + fields.joined(separator: " or ") + ", so it has matched nobody since the privacy change"
  }
}

extension MatchRule {
  /// The rule as `field=value` pairs in field order (`tag_id=2, sex=1`).
  public var summary: String {
    Field.allCases.compactMap { field in values[field].map { "\(field.rawValue)=\($0)" } }
      .joined(separator: ", ")
  }
}

extension MenuSet {
  /// The conditional menus that match nobody today, in order.
  public var inactiveConditionalMenus: [InactiveConditionalMenu] {
    conditionalMenus.enumerated().compactMap { index, menu in
      guard let rule = menu.matchRule, !rule.isActive else { return nil }
      return InactiveConditionalMenu(
        index: index, fields: rule.retiredPrivacyFields.map(\.rawValue), rule: rule.summary)
    }
  }

  /// This set as users see it today: the default menu and the active conditional menus, in
  /// their original order (the newest is matched first, so order decides who sees what).
  public var activeOnly: MenuSet {
    MenuSet(
      defaultMenu: defaultMenu,
      conditionalMenus: conditionalMenus.filter { $0.matchRule?.isActive ?? true })
  }
}

extension JSONValue {
  /// This normalized document with `"inactive_fields": [...]` added to each conditional menu that
  /// matches nobody today: what `show --json` and the web page's JSON print. Normalizing ignores
  /// the extra member, so the document still hashes to the snapshot's hash.
  public func markingInactive(_ inactive: [InactiveConditionalMenu]) -> JSONValue {
    guard !inactive.isEmpty, case .object(var members) = self,
      let at = members.firstIndex(where: { $0.key == "conditionalmenu" }),
      case .array(var menus) = members[at].value
    else { return self }
    for menu in inactive where menus.indices.contains(menu.index) {
      if case .object(var fields) = menus[menu.index] {
        fields.append(JSONMember("inactive_fields", .array(menu.fields.map { .string($0) })))
        menus[menu.index] = .object(fields)
      }
    }
    members[at] = JSONMember("conditionalmenu", .array(menus))
    return .object(members)
  }
}
