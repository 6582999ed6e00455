import MenuVaultCore
import MenuVaultJSON

/// Writes stored menus in the shapes the real servers answer with.
enum SandboxRendering {
  /// A button as menu/get and trymatch write it: leaves carry `"sub_button": []`.
  static func menuGetButton(_ button: Button) -> JSONValue {
    if button.isParent {
      return .object([
        JSONMember("name", .string(button.name ?? "")),
        JSONMember("sub_button", .array(button.subButtons.map(menuGetButton))),
      ])
    }
    return .object(leafMembers(button) + [JSONMember("sub_button", .array([]))])
  }

  /// A button as get_current_selfmenu_info writes an API-set one: sub-buttons under
  /// `sub_button.list`, media and article ids in `value`.
  static func selfmenuButton(_ button: Button) -> JSONValue {
    if button.isParent {
      return .object([
        JSONMember("name", .string(button.name ?? "")),
        JSONMember(
          "sub_button",
          .object([JSONMember("list", .array(button.subButtons.map(selfmenuButton)))])),
      ])
    }
    var members: [JSONMember] = []
    if let type = button.type { members.append(JSONMember("type", .string(type))) }
    members.append(JSONMember("name", .string(button.name ?? "")))
    for field in ButtonField.allCases {
      guard let value = button[field] else { continue }
      let key = field == .mediaID || field == .articleID ? "value" : field.rawValue
      members.append(JSONMember(key, .string(value)))
    }
    return .object(members)
  }

  /// A button as Weibo's show.json writes it: plain `sub_button` arrays on parents only.
  static func weiboButton(_ button: Button) -> JSONValue {
    if button.isParent {
      return .object([
        JSONMember("name", .string(button.name ?? "")),
        JSONMember("sub_button", .array(button.subButtons.map(weiboButton))),
      ])
    }
    return .object(leafMembers(button))
  }

  /// A match rule as menu/get reports it: `group_id` and `sex` as numbers when they are
  /// numeric (the real server mixes numbers and strings), the rest as strings.
  static func matchRule(_ rule: MatchRule) -> JSONValue {
    .object(
      MatchRule.Field.allCases.compactMap { field in
        guard let value = rule[field] else { return nil }
        if field == .groupID || field == .sex, let number = Int(value) {
          return JSONMember(field.rawValue, .number(Double(number)))
        }
        return JSONMember(field.rawValue, .string(value))
      })
  }

  private static func leafMembers(_ button: Button) -> [JSONMember] {
    var members: [JSONMember] = []
    if let type = button.type { members.append(JSONMember("type", .string(type))) }
    members.append(JSONMember("name", .string(button.name ?? "")))
    for field in ButtonField.allCases {
      if let value = button[field] { members.append(JSONMember(field.rawValue, .string(value))) }
    }
    return members
  }
}
