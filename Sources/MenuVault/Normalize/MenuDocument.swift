extension Button {
  /// The create-API JSON of this button as it stands (call ``normalized()`` first for the
  /// hashed form). Members in the order the API pages show them.
  public var document: JSONValue {
    var members: [JSONMember] = []
    if let type { members.append(JSONMember("type", .string(type))) }
    if let name { members.append(JSONMember("name", .string(name))) }
    for field in ButtonField.allCases {
      if let value = fields[field] { members.append(JSONMember(field.rawValue, .string(value))) }
    }
    if isUnpublishable { members.append(JSONMember(Button.unpublishableMarker, .bool(true))) }
    if !subButtons.isEmpty {
      members.append(JSONMember("sub_button", .array(subButtons.map(\.document))))
    }
    return .object(members)
  }

  /// The member that marks an unpublishable entry in a normalized document.
  public static let unpublishableMarker = "unpublishable"
}

extension MatchRule {
  /// The `matchrule` object, values as strings.
  public var document: JSONValue {
    .object(
      Field.allCases.compactMap { field in
        values[field].map { JSONMember(field.rawValue, .string($0)) }
      })
  }
}

extension MenuSet {
  /// The normalized document: `{"button":[...]}` plus `"conditionalmenu"` when there are any;
  /// empty arrays and empty match rules are left out.
  public var document: JSONValue {
    let set = normalized()
    var members: [JSONMember] = []
    if !set.defaultMenu.buttons.isEmpty {
      members.append(JSONMember("button", .array(set.defaultMenu.buttons.map(\.document))))
    }
    if !set.conditionalMenus.isEmpty {
      let menus = set.conditionalMenus.map { menu -> JSONValue in
        var entry: [JSONMember] = []
        if !menu.buttons.isEmpty {
          entry.append(JSONMember("button", .array(menu.buttons.map(\.document))))
        }
        if let rule = menu.matchRule, !rule.isEmpty {
          entry.append(JSONMember("matchrule", rule.document))
        }
        return .object(entry)
      }
      members.append(JSONMember("conditionalmenu", .array(menus)))
    }
    return .object(members)
  }

  /// The content hash of this set: SHA-256 of the canonical bytes of ``document``.
  public var contentHash: String { ContentHash.of(document) }
}
