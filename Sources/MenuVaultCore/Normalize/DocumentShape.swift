import MenuVaultJSON

/// The shapes of menu document MenuVault reads.
public enum DocumentShape: String, Sendable, Equatable, CaseIterable, Codable {
  /// A `cgi-bin/menu/create` (or `addconditional`, with `matchrule`) payload; also the
  /// normalized form itself, which is a create payload plus `conditionalmenu`.
  case create
  /// A `cgi-bin/menu/get` response: `menu` plus `conditionalmenu`, with server `menuid`s.
  case menuGet = "menu-get"
  /// A `cgi-bin/get_current_selfmenu_info` response: `selfmenu_info` with `sub_button.list`.
  case selfmenu
  /// A Weibo `2/messages/menu/show.json` response: `menu` with plain `sub_button` arrays.
  case weiboShow = "weibo-show"

  /// The top-level keys that say which shape a document is.
  static let identifyingKeys: Set<String> = [
    "button", "conditionalmenu", "matchrule", "menu", "selfmenu_info", "is_menu_open",
  ]

  /// The identifying keys this shape reads; a document with any other is not of this shape.
  var ownKeys: Set<String> {
    switch self {
    case .create: ["button", "conditionalmenu", "matchrule"]
    case .menuGet, .weiboShow: ["menu", "conditionalmenu"]
    case .selfmenu: ["selfmenu_info", "is_menu_open"]
    }
  }

  /// Guesses the shape of a parsed document from its top-level keys.
  ///
  /// `menu` is ambiguous between menu/get and Weibo's show: `platform` decides.
  public static func detect(_ document: JSONValue, platform: Platform) -> DocumentShape? {
    guard case .object(let members) = document else { return nil }
    if members.isEmpty { return .create }  // the normalized form of "no menu at all"
    if document["selfmenu_info"] != nil || document["is_menu_open"] != nil { return .selfmenu }
    if document["menu"] != nil { return platform == .weibo ? .weiboShow : .menuGet }
    if document["button"] != nil || document["conditionalmenu"] != nil { return .create }
    return nil
  }
}
