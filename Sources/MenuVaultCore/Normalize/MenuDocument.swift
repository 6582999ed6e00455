import MenuVaultJSON

extension Button {
  /// The create-API JSON of this button as it stands (call ``normalized()`` first for the
  /// hashed form). Members in the order the API pages show them.
  public var document: JSONValue {
    var members: [JSONMember] = []
    if let type { members.append(JSONMember("type", .string(type))) }
    if let name { members.append(JSONMember("name", .string(name))) }
    for field in ButtonField.allCases {
      if let value = fieldValues[field] {
        members.append(JSONMember(field.rawValue, .string(value)))
      }
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

  /// The RFC 8785 bytes of the ``document`` of this set, which must already be normalized:
  /// `CanonicalJSON.bytes(document)`, written straight from the model without building the
  /// JSON value and sorting its members (the member names are fixed, so their canonical order
  /// is too).
  func canonicalBytesOfNormalized() -> [UInt8] {
    var writer = CanonicalMenuWriter()
    writer.output.reserveCapacity(1024)
    writer.write(self)
    return writer.output
  }
}

/// Writes a normalized menu set in RFC 8785 form, members in the UTF-16 order of their names
/// (all ASCII here, so byte order): what ``CanonicalJSON`` makes of ``MenuSet/document``.
private struct CanonicalMenuWriter {
  var output: [UInt8] = []

  mutating func write(_ set: MenuSet) {
    var object = ObjectWriter()
    // "button" < "conditionalmenu"
    if !set.defaultMenu.buttons.isEmpty {
      object.name(#""button":"#, &output)
      write(set.defaultMenu.buttons)
    }
    if !set.conditionalMenus.isEmpty {
      object.name(#""conditionalmenu":"#, &output)
      output.append(0x5B)  // [
      for index in set.conditionalMenus.indices {
        if index > 0 { output.append(0x2C) }
        write(conditional: set.conditionalMenus[index])
      }
      output.append(0x5D)  // ]
    }
    object.end(&output)
  }

  private mutating func write(conditional menu: Menu) {
    var object = ObjectWriter()
    // "button" < "matchrule"
    if !menu.buttons.isEmpty {
      object.name(#""button":"#, &output)
      write(menu.buttons)
    }
    if let rule = menu.matchRule, !rule.isEmpty {
      object.name(#""matchrule":"#, &output)
      var ruleObject = ObjectWriter()
      for (field, name) in Self.matchRuleFieldsInOrder {
        if let value = rule.values[field] {
          ruleObject.name(name, &output)
          JSONWriter.appendQuoted(value, to: &output)
        }
      }
      ruleObject.end(&output)
    }
    object.end(&output)
  }

  private mutating func write(_ buttons: [Button]) {
    output.append(0x5B)  // [
    // Through a buffer: iterating or subscripting the array copies every button (and retains
    // all its strings).
    buttons.withUnsafeBufferPointer { buttons in
      for index in buttons.indices {
        if index > 0 { output.append(0x2C) }
        write(buttons[index])
      }
    }
    output.append(0x5D)  // ]
  }

  /// The members of ``Button/document`` in canonical order: appid, article_id, key, media_id,
  /// name, pagepath, sub_button, type, unpublishable, url.
  private mutating func write(_ button: borrowing Button) {
    var object = ObjectWriter()
    string(#""appid":"#, button.fieldValues.appID, &object)
    string(#""article_id":"#, button.fieldValues.articleID, &object)
    string(#""key":"#, button.fieldValues.key, &object)
    string(#""media_id":"#, button.fieldValues.mediaID, &object)
    string(#""name":"#, button.name, &object)
    string(#""pagepath":"#, button.fieldValues.pagePath, &object)
    if !button.subButtons.isEmpty {
      object.name(#""sub_button":"#, &output)
      write(button.subButtons)
    }
    string(#""type":"#, button.type, &object)
    if button.isUnpublishable {
      object.name(#""unpublishable":"#, &output)  // Button.unpublishableMarker
      output.append(contentsOf: "true".utf8)
    }
    string(#""url":"#, button.fieldValues.url, &object)
    object.end(&output)
  }

  private mutating func string(
    _ name: StaticString, _ value: String?, _ object: inout ObjectWriter
  ) {
    guard let value else { return }
    object.name(name, &output)
    JSONWriter.appendQuoted(value, to: &output)
  }

  /// The match-rule fields sorted by name, with their quoted names.
  private static let matchRuleFieldsInOrder: [(MatchRule.Field, StaticString)] = [
    (.city, #""city":"#), (.clientPlatformType, #""client_platform_type":"#),
    (.country, #""country":"#), (.groupID, #""group_id":"#), (.language, #""language":"#),
    (.province, #""province":"#), (.sex, #""sex":"#), (.tagID, #""tag_id":"#),
  ]
}

/// Opens an object at its first member (`{}` when it has none) and separates the members.
private struct ObjectWriter {
  private var isOpen = false

  /// Writes `{` or `,`, then `member`: a quoted name and its colon, `"name":`.
  mutating func name(_ member: StaticString, _ output: inout [UInt8]) {
    output.append(isOpen ? 0x2C : 0x7B)
    isOpen = true
    output.append(
      contentsOf: UnsafeBufferPointer(start: member.utf8Start, count: member.utf8CodeUnitCount))
  }

  /// Writes `}`, or `{}` for an object without members.
  func end(_ output: inout [UInt8]) {
    if !isOpen { output.append(0x7B) }
    output.append(0x7D)
  }
}
