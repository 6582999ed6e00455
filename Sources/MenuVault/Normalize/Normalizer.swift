import Foundation

/// Reads a menu document of any supported shape and produces its normalized form.
///
/// Rules that make equal menus hash equal: server `menuid`s and `is_menu_open` become metadata;
/// `sub_button: {"list": [...]}` is flattened; leaves carry no `sub_button` and parents no `type`;
/// empty strings and arrays are dropped; match-rule values become strings; the order of buttons
/// and of conditional menus is kept. Website-only button types are converted per
/// ``WebsiteButtonConversion`` and every non-exact button gets a ``FidelityNote``.
public enum Normalizer {
  /// Parses `bytes` strictly and normalizes the document.
  /// - Parameters:
  ///   - platform: decides between menu/get and Weibo show for a `menu` document.
  ///   - shape: the shape to read; detected from the top-level keys when `nil`.
  /// - Throws: ``NormalizeError`` naming the byte offset or the field path.
  public static func normalize(
    _ bytes: [UInt8], platform: Platform = .wechat, shape: DocumentShape? = nil
  ) throws(NormalizeError) -> NormalizedMenu {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .invalidJSON(error)
    }
    return try normalize(document: document, platform: platform, shape: shape)
  }

  /// Normalizes an already parsed document.
  public static func normalize(
    document: JSONValue, platform: Platform = .wechat, shape: DocumentShape? = nil
  ) throws(NormalizeError) -> NormalizedMenu {
    let root = DocumentReader(value: document, path: "")
    let members = try root.object()
    try rejectErrorResponse(root)
    guard let shape = shape ?? DocumentShape.detect(document, platform: platform) else {
      throw .unknownShape(keys: members.map(\.key))
    }
    var state = ReadState()
    let (readSet, metadata) = try readMenuSet(root, shape: shape, state: &state)
    let menuSet = readSet.normalized()
    let normalizedDocument = menuSet.document
    let canonical = CanonicalJSON.bytes(normalizedDocument)
    return NormalizedMenu(
      shape: shape, readMenuSet: readSet, menuSet: menuSet, notes: state.notes,
      textReplies: state.replies, metadata: metadata, document: normalizedDocument,
      canonicalBytes: canonical, contentHash: ContentHash.sha256Hex(canonical))
  }

  struct ReadState {
    var notes: [FidelityNote] = []
    var replies: [TextReply] = []
  }

  private static func rejectErrorResponse(_ root: DocumentReader) throws(NormalizeError) {
    if case .number(let code)? = root.member("errcode")?.value, code != 0 {
      let message = (try? root.string("errmsg")) ?? nil
      throw .apiError(code: try integerCode(code, key: "errcode"), message: message ?? "")
    }
    if case .number(let code)? = root.member("error_code")?.value {
      let message = (try? root.string("error")) ?? nil
      throw .apiError(code: try integerCode(code, key: "error_code"), message: message ?? "")
    }
  }

  /// An error code as an `Int`: `1.5` and `1e300` are not codes (`Int(_:)` traps on the latter).
  private static func integerCode(_ number: Double, key: String) throws(NormalizeError) -> Int {
    guard let code = Int(exactly: number) else {
      throw .wrongType(
        path: key, expected: "an integer error code",
        found: "the number \(ECMAScriptNumber.format(number) ?? String(number))")
    }
    return code
  }

  private static func readMenuSet(
    _ root: DocumentReader, shape: DocumentShape, state: inout ReadState
  ) throws(NormalizeError) -> (MenuSet, MenuMetadata) {
    switch shape {
    case .create:
      return try readCreatePayload(root, state: &state)
    case .menuGet, .weiboShow:
      guard let menu = root.member("menu") else {
        throw .shapeMismatch(shape: shape, reason: "no \"menu\" object")
      }
      _ = try menu.object()
      let buttons = try readButtons(menu.member("button"), prefix: "", state: &state)
      var metadata = MenuMetadata(defaultMenuID: try menu.scalarString("menuid"))
      var conditional: [Menu] = []
      if let list = root.member("conditionalmenu") {
        for (index, entry) in try list.elements().enumerated() {
          _ = try entry.object()
          conditional.append(
            try readConditional(entry, prefix: "conditionalmenu[\(index)].", state: &state))
          metadata.conditionalMenuIDs.append(try entry.scalarString("menuid") ?? "")
        }
      }
      return (MenuSet(defaultMenu: Menu(buttons: buttons), conditionalMenus: conditional), metadata)
    case .selfmenu:
      var metadata = MenuMetadata()
      if let open = root.member("is_menu_open") {
        switch open.value {
        case .number(let flag): metadata.isMenuOpen = flag != 0
        case .bool(let flag): metadata.isMenuOpen = flag
        default:
          throw .wrongType(path: open.path, expected: "0 or 1", found: open.value.kindDescription)
        }
      }
      guard let info = root.member("selfmenu_info") else {
        guard metadata.isMenuOpen != nil else {
          throw .shapeMismatch(shape: shape, reason: "no \"selfmenu_info\" object")
        }
        return (MenuSet(defaultMenu: Menu(buttons: [])), metadata)
      }
      _ = try info.object()
      let buttons = try readButtons(info.member("button"), prefix: "", state: &state)
      return (MenuSet(defaultMenu: Menu(buttons: buttons)), metadata)
    }
  }

  private static func readCreatePayload(_ root: DocumentReader, state: inout ReadState)
    throws(NormalizeError) -> (MenuSet, MenuMetadata)
  {
    if case .object(let members) = root.value, !members.isEmpty,
      !members.contains(where: { ["button", "conditionalmenu", "matchrule"].contains($0.key) })
    {
      throw .shapeMismatch(shape: .create, reason: "no \"button\" array")
    }
    if root.member("matchrule") != nil {
      if root.member("conditionalmenu") != nil {
        throw .shapeMismatch(
          shape: .create, reason: "both \"matchrule\" and \"conditionalmenu\" at the top level")
      }
      let menu = try readConditional(root, prefix: "conditionalmenu[0].", state: &state)
      let metadata = MenuMetadata(conditionalMenuIDs: [try root.scalarString("menuid") ?? ""])
      return (MenuSet(defaultMenu: Menu(buttons: []), conditionalMenus: [menu]), metadata)
    }
    let buttons = try readButtons(root.member("button"), prefix: "", state: &state)
    var metadata = MenuMetadata(defaultMenuID: try root.scalarString("menuid"))
    var conditional: [Menu] = []
    if let list = root.member("conditionalmenu") {
      for (index, entry) in try list.elements().enumerated() {
        _ = try entry.object()
        conditional.append(
          try readConditional(entry, prefix: "conditionalmenu[\(index)].", state: &state))
        metadata.conditionalMenuIDs.append(try entry.scalarString("menuid") ?? "")
      }
    }
    if metadata.conditionalMenuIDs.allSatisfy(\.isEmpty) { metadata.conditionalMenuIDs = [] }
    return (MenuSet(defaultMenu: Menu(buttons: buttons), conditionalMenus: conditional), metadata)
  }

  private static func readConditional(
    _ entry: DocumentReader, prefix: String, state: inout ReadState
  ) throws(NormalizeError) -> Menu {
    let buttons = try readButtons(entry.member("button"), prefix: prefix, state: &state)
    var rule = MatchRule()
    if let ruleReader = entry.member("matchrule") {
      _ = try ruleReader.object()
      for field in MatchRule.Field.allCases {
        rule[field] = try ruleReader.scalarString(field.rawValue)
      }
    }
    return Menu(buttons: buttons, matchRule: rule)
  }

  private static func readButtons(
    _ list: DocumentReader?, prefix: String, state: inout ReadState
  ) throws(NormalizeError) -> [Button] {
    guard let list else { return [] }
    var buttons: [Button] = []
    for (index, item) in try list.elements().enumerated() {
      buttons.append(try readButton(item, at: "\(prefix)button[\(index)]", state: &state))
    }
    return buttons
  }

  private static func readButton(
    _ reader: DocumentReader, at path: String, state: inout ReadState
  ) throws(NormalizeError) -> Button {
    _ = try reader.object()
    let name = try reader.string("name")
    let type = try reader.string("type")
    var fields: [ButtonField: String] = [:]
    for field in ButtonField.allCases {
      fields[field] = try reader.string(field.rawValue)
    }
    let children = try subButtonReaders(reader)
    if !children.isEmpty {
      var subButtons: [Button] = []
      for (index, child) in children.enumerated() {
        subButtons.append(try readButton(child, at: "\(path).sub_button[\(index)]", state: &state))
      }
      return Button(name: name, type: type, fields: fields, subButtons: subButtons)
    }
    if case .bool(true)? = reader.member(Button.unpublishableMarker)?.value {
      state.notes.append(
        FidelityNote(
          path: path, name: name, sourceType: type ?? "none", fidelity: .unpublishable,
          detail: "marked unpublishable: map it to a permanent media id before publishing"))
      return Button(name: name, type: type, isUnpublishable: true)
    }
    guard let type else { return Button(name: name, fields: fields) }
    if let kind = ButtonKind(rawValue: type) {
      // get_current_selfmenu_info may carry an API button's action in `value`.
      if let value = try reader.string("value") {
        for field in kind.requiredFields
        where fields[field] == nil && kind.requiredFields.count == 1 {
          fields[field] = value
        }
      }
      return Button(name: name, type: type, fields: fields)
    }
    let conversion = try WebsiteButtonConversion.convert(
      reader, type: type, name: name, at: path)
    if let note = conversion.note { state.notes.append(note) }
    if let reply = conversion.reply { state.replies.append(reply) }
    return conversion.button
  }

  /// The sub-buttons of a button: a plain array, or selfmenu's `{"list": [...]}`.
  private static func subButtonReaders(_ reader: DocumentReader) throws(NormalizeError)
    -> [DocumentReader]
  {
    guard let sub = reader.member("sub_button") else { return [] }
    switch sub.value {
    case .array:
      return try sub.elements()
    case .object:
      guard let list = sub.member("list") else { return [] }
      return try list.elements()
    default:
      throw .wrongType(
        path: sub.path, expected: "an array or an object with \"list\"",
        found: sub.value.kindDescription)
    }
  }
}
