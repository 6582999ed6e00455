import Foundation
import MenuVaultJSON

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
      document = try JSONParser.parse(bytes, knownKeys: MenuDocumentKeys.table)
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
    let detected = DocumentShape.detect(document, platform: platform)
    guard let shape = shape ?? detected else {
      throw .unknownShape(keys: members.map(\.key))
    }
    try rejectOtherShapesKeys(members, readAs: shape, detected: detected)
    var state = ReadState()
    let (readSet, metadata) = try readMenuSet(root, shape: shape, state: &state)
    let menuSet = readSet.normalized()
    let canonical = menuSet.canonicalBytesOfNormalized()
    return NormalizedMenu(
      shape: shape, readMenuSet: readSet, menuSet: menuSet, notes: state.notes,
      textReplies: state.replies, metadata: metadata, canonicalBytes: canonical)
  }

  struct ReadState {
    var notes: [FidelityNote] = []
    var replies: [TextReply] = []
  }

  /// A document read as a shape it does not have loses what that shape does not read (a
  /// menu/get answer read as a create payload keeps only its conditional menus): refused,
  /// naming the keys that say what the document is.
  private static func rejectOtherShapesKeys(
    _ members: [JSONMember], readAs shape: DocumentShape, detected: DocumentShape?
  ) throws(NormalizeError) {
    let identifying = members.map(\.key).filter(DocumentShape.identifyingKeys.contains)
    guard identifying.contains(where: { !shape.ownKeys.contains($0) }) else { return }
    let keys = identifying.map { "\"\($0)\"" }.joined(separator: ", ")
    let what = detected.map { "those of a \($0.rawValue) document" } ?? "not those of one shape"
    throw .shapeMismatch(shape: shape, reason: "its keys \(keys) are \(what)")
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
      let (conditional, menuIDs) = try readConditionalMenus(root, state: &state)
      metadata.conditionalMenuIDs = menuIDs
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
    let (conditional, menuIDs) = try readConditionalMenus(root, state: &state)
    // A create payload carries no menuids unless it was copied from a menu/get answer.
    if !menuIDs.allSatisfy(\.isEmpty) { metadata.conditionalMenuIDs = menuIDs }
    return (MenuSet(defaultMenu: Menu(buttons: buttons), conditionalMenus: conditional), metadata)
  }

  /// The menus of `root`'s `conditionalmenu` array (none when it has none), with each one's
  /// `menuid` (empty when it has none), in order.
  private static func readConditionalMenus(_ root: DocumentReader, state: inout ReadState)
    throws(NormalizeError) -> (menus: [Menu], menuIDs: [String])
  {
    guard let list = root.member("conditionalmenu") else { return ([], []) }
    var menus: [Menu] = []
    var menuIDs: [String] = []
    for (index, entry) in try list.elements().enumerated() {
      _ = try entry.object()
      menus.append(
        try readConditional(entry, prefix: "conditionalmenu[\(index)].", state: &state))
      menuIDs.append(try entry.scalarString("menuid") ?? "")
    }
    return (menus, menuIDs)
  }

  private static func readConditional(
    _ entry: DocumentReader, prefix: String, state: inout ReadState
  ) throws(NormalizeError) -> Menu {
    let buttons = try readButtons(entry.member("button"), prefix: prefix, state: &state)
    let path = String(prefix.dropLast())  // `conditionalmenu[0]`
    var rule = MatchRule()
    if let ruleReader = entry.member("matchrule") {
      let members = try ruleReader.object()
      for field in MatchRule.Field.allCases {
        rule[field] = try ruleReader.scalarString(field.rawValue)
      }
      let fields = MatchRule.Field.allCases.map(\.rawValue)
      noteIgnored(
        members.filter { !fields.contains($0.key) && !$0.value.isEmptyValue }.map(\.key),
        at: path + ".matchrule",
        kind: "matchrule", known: fields, state: &state)
    }
    let entryKeys = ["button", "matchrule", "menuid"]
    let entryMembers = try entry.object()
    noteIgnored(
      entryMembers.compactMap { member in
        entryKeys.contains(member.key) || DocumentShape.identifyingKeys.contains(member.key)
          || member.value.isEmptyValue
          ? nil : member.key
      }, at: path, kind: "conditionalmenu", known: entryKeys, state: &state)
    return Menu(buttons: buttons, matchRule: rule)
  }

  /// A lossy note naming the members of a conditional menu or its match rule that are not
  /// carried over.
  private static func noteIgnored(
    _ members: [String], at path: String, kind: String, known: [String],
    state: inout ReadState
  ) {
    guard !members.isEmpty else { return }
    state.notes.append(
      FidelityNote(
        path: path, name: nil, sourceType: kind, fidelity: .lossy,
        detail: IgnoredMember.describe(members, among: known)))
  }

  private static func readButtons(
    _ list: DocumentReader?, prefix: String, state: inout ReadState
  ) throws(NormalizeError) -> [Button] {
    guard let list else { return [] }
    let items = try list.elements()
    var buttons: [Button] = []
    buttons.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      let position = ButtonPosition(parent: prefix, index: index, isTopLevel: true)
      buttons.append(try readButton(item, at: position, state: &state))
    }
    return buttons
  }

  private static func readButton(
    _ reader: DocumentReader, at position: ButtonPosition, state: inout ReadState
  ) throws(NormalizeError) -> Button {
    let found = ButtonMembers(try reader.object())
    // Checked in this order, so a document with several bad members reports the same first one.
    let name = try reader.string(found.name, key: "name")
    let type = try reader.string(found.type, key: "type")
    /// Names the members of a leaf that the normalized button does not carry.
    func noteIgnored(_ members: [String], state: inout ReadState) {
      guard !members.isEmpty else { return }
      state.notes.append(
        FidelityNote(
          path: position.path, name: name, sourceType: type ?? "none", fidelity: .lossy,
          detail: IgnoredMember.describe(members, among: ButtonMembers.known)))
    }
    var fields = ButtonFieldValues()
    for field in ButtonField.allCases {
      fields[field] = try reader.string(found[field], key: field.rawValue)
    }
    let children = try subButtonReaders(reader, found.subButton)
    if !children.isEmpty {
      let path = position.path
      let dropped = found.membersOtherThan(["name", "sub_button"])
      if !dropped.isEmpty {
        state.notes.append(
          FidelityNote(
            path: path, name: name, sourceType: type ?? "none", fidelity: .converted,
            detail: "ignored on a parent: " + dropped.joined(separator: ", ")))
      }
      var subButtons: [Button] = []
      subButtons.reserveCapacity(children.count)
      for (index, child) in children.enumerated() {
        let childPosition = ButtonPosition(parent: path, index: index, isTopLevel: false)
        subButtons.append(try readButton(child, at: childPosition, state: &state))
      }
      return Button(name: name, type: type, fieldValues: fields, subButtons: subButtons)
    }
    if case .bool(true)? = found.unpublishable {
      state.notes.append(
        FidelityNote(
          path: position.path, name: name, sourceType: type ?? "none", fidelity: .unpublishable,
          detail: "marked unpublishable: map it to a permanent media id before publishing"))
      return Button(name: name, type: type, isUnpublishable: true)
    }
    guard let type else {
      noteIgnored(found.unknownMembers + found.members(["value", "news_info"]), state: &state)
      return Button(name: name, fieldValues: fields)
    }
    if let kind = ButtonKind.named(type) {
      // get_current_selfmenu_info may carry an API button's action in `value`.
      var ignored = found.unknownMembers + found.members(["news_info"])
      if let value = try reader.string(found.value, key: "value") {
        for field in kind.requiredFields
        where fields[field] == nil && kind.requiredFields.count == 1 {
          fields[field] = value
        }
        if !ButtonField.allCases.contains(where: { fields[$0] == value }) {
          ignored.append("value")
        }
      }
      noteIgnored(ignored, state: &state)
      return Button(name: name, type: type, fieldValues: fields)
    }
    let conversion = try WebsiteButtonConversion.convert(
      reader, type: type, name: name, at: position.path)
    if let note = conversion.note { state.notes.append(note) }
    noteIgnored(found.unknownMembers, state: &state)
    if let reply = conversion.reply { state.replies.append(reply) }
    return conversion.button
  }

  /// Where a button sits in the normalized document (`button[1].sub_button[0]`), spelled out
  /// only for a note or for its sub-buttons.
  private struct ButtonPosition {
    /// The menu's prefix (`""` or `conditionalmenu[i].`) for a top-level button, else the path
    /// of the parent button.
    var parent: String
    var index: Int
    var isTopLevel: Bool

    var path: String {
      isTopLevel ? "\(parent)button[\(index)]" : "\(parent).sub_button[\(index)]"
    }
  }

  /// The members of a button object that normalization reads, found in one pass over the
  /// object (members that are `null` count as absent). Keeps their positions, not copies of
  /// their values.
  private struct ButtonMembers {
    private let members: [JSONMember]
    private var nameIndex: Int?
    private var typeIndex: Int?
    private var keyIndex: Int?
    private var urlIndex: Int?
    private var mediaIDIndex: Int?
    private var appIDIndex: Int?
    private var pagePathIndex: Int?
    private var articleIDIndex: Int?
    private var subButtonIndex: Int?
    private var unpublishableIndex: Int?
    private var valueIndex: Int?
    /// The members this type does not know, in document order (`null` and `""` left out).
    private(set) var unknownMembers: [String] = []

    /// The member names a button may have, for suggestions.
    static let known = [
      "name", "type", "key", "url", "media_id", "appid", "pagepath", "article_id", "sub_button",
      "value", "news_info", Button.unpublishableMarker,
    ]

    init(_ members: [JSONMember]) {
      self.members = members
      for index in members.indices {
        if case .null = members[index].value { continue }
        let key = members[index].key
        if !Self.isRead(key), !members[index].value.isEmptyValue {
          unknownMembers.append(key)
        }
        // Narrowed by length first: a `switch` over the names compares the key with each of them
        // in turn, and this runs for every member of every button.
        switch key.utf8.count {
        case 3:
          if key == "key" { keyIndex = index } else if key == "url" { urlIndex = index }
        case 4:
          if key == "name" { nameIndex = index } else if key == "type" { typeIndex = index }
        case 5:
          if key == "appid" { appIDIndex = index } else if key == "value" { valueIndex = index }
        case 8:
          if key == "media_id" {
            mediaIDIndex = index
          } else if key == "pagepath" {
            pagePathIndex = index
          }
        case 10:
          if key == "sub_button" {
            subButtonIndex = index
          } else if key == "article_id" {
            articleIDIndex = index
          }
        case 13:
          if key == Button.unpublishableMarker { unpublishableIndex = index }
        default:
          break
        }
      }
    }

    private func value(at index: Int?) -> JSONValue? {
      index.map { members[$0].value }
    }

    /// Whether normalization reads member `key` of some button.
    private static func isRead(_ key: String) -> Bool {
      switch key {
      case "name", "type", "key", "url", "media_id", "appid", "pagepath", "article_id",
        "sub_button", "value", "news_info", Button.unpublishableMarker:
        return true
      default:
        return false
      }
    }

    /// The members not in `kept` that have a value that says something, in document order.
    func membersOtherThan(_ kept: Set<String>) -> [String] {
      members.compactMap { member in
        !kept.contains(member.key) && !member.value.isEmptyValue ? member.key : nil
      }
    }

    /// The members among `keys` this button has with a value that says something.
    func members(_ keys: Set<String>) -> [String] {
      members.compactMap { member in
        keys.contains(member.key) && !member.value.isEmptyValue ? member.key : nil
      }
    }

    var name: JSONValue? { value(at: nameIndex) }
    var type: JSONValue? { value(at: typeIndex) }
    var subButton: JSONValue? { value(at: subButtonIndex) }
    var unpublishable: JSONValue? { value(at: unpublishableIndex) }
    var value: JSONValue? { value(at: valueIndex) }

    subscript(field: ButtonField) -> JSONValue? {
      switch field {
      case .key: return value(at: keyIndex)
      case .url: return value(at: urlIndex)
      case .mediaID: return value(at: mediaIDIndex)
      case .appID: return value(at: appIDIndex)
      case .pagePath: return value(at: pagePathIndex)
      case .articleID: return value(at: articleIDIndex)
      }
    }
  }

  /// The sub-buttons of a button: a plain array, or selfmenu's `{"list": [...]}`; `value` is the
  /// button's `sub_button` member (`nil` when absent or `null`).
  private static func subButtonReaders(_ reader: DocumentReader, _ value: JSONValue?)
    throws(NormalizeError) -> [DocumentReader]
  {
    guard let value else { return [] }
    switch value {
    case .array(let items):
      // menu/get gives every leaf `"sub_button": []`.
      return items.isEmpty ? [] : try reader.child("sub_button", value).elements()
    case .object:
      guard let list = reader.child("sub_button", value).member("list") else { return [] }
      return try list.elements()
    default:
      throw .wrongType(
        path: reader.memberPath("sub_button"), expected: "an array or an object with \"list\"",
        found: value.kindDescription)
    }
  }
}
