import MenuVaultJSON

/// A note about one button that did not pass through exactly.
public struct FidelityNote: Sendable, Equatable {
  /// The button's path in the normalized document, e.g. `button[1].sub_button[0]`.
  public var path: String
  /// The button's name, when it had one.
  public var name: String?
  /// The type the button had in the input (`text`, `news`, `img`, ...).
  public var sourceType: String
  /// How faithfully it was carried over.
  public var fidelity: Fidelity
  /// What happened and what a person can do about it, one lowercase sentence.
  public var detail: String

  /// One line for a terminal: `button[1]: lossy: text button "Hi" became click ...`.
  public var line: String { "\(path): \(fidelity.rawValue): \(detail)" }
}

/// The text a website `text` button answered with, under the click key it was converted to,
/// so a message handler can answer the click with the same text.
public struct TextReply: Sendable, Equatable, Codable {
  /// The derived click key (`mv_text_` + 24 hex digits of the SHA-256 of the text).
  public var key: String
  /// The text the website button sent.
  public var text: String
  /// The button's path in the normalized document.
  public var path: String
}

/// Facts the server reported that are not menu content: they never enter the hash.
public struct MenuMetadata: Sendable, Equatable {
  /// The default menu's `menuid` from menu/get, when given.
  public var defaultMenuID: String?
  /// The conditional menus' `menuid`s, in order (empty strings where a menu had none).
  public var conditionalMenuIDs: [String]
  /// `is_menu_open` from get_current_selfmenu_info, when given.
  public var isMenuOpen: Bool?

  /// Creates metadata.
  public init(
    defaultMenuID: String? = nil, conditionalMenuIDs: [String] = [], isMenuOpen: Bool? = nil
  ) {
    self.defaultMenuID = defaultMenuID
    self.conditionalMenuIDs = conditionalMenuIDs
    self.isMenuOpen = isMenuOpen
  }

  /// Every server menu id, default first.
  public var allMenuIDs: [String] {
    (defaultMenuID.map { [$0] } ?? []) + conditionalMenuIDs.filter { !$0.isEmpty }
  }
}

/// A menu document read from any shape and brought into the one normalized form that is hashed.
public struct NormalizedMenu: Sendable, Equatable {
  /// The shape the input was read as.
  public var shape: DocumentShape
  /// The menu as read (parents keep a `type` if the input gave one), for validation.
  public var readMenuSet: MenuSet
  /// The normalized menu set: what is published and hashed.
  public var menuSet: MenuSet
  /// One note per button that is not `exact`, in document order.
  public var notes: [FidelityNote]
  /// The click keys that website `text` buttons became, with their texts.
  public var textReplies: [TextReply]
  /// Server facts that are not content.
  public var metadata: MenuMetadata
  /// The RFC 8785 canonical bytes of ``document``.
  public var canonicalBytes: [UInt8]
  /// Lowercase hex SHA-256 of ``canonicalBytes``, computed when asked for (recording a menu
  /// hashes the bytes itself).
  public var contentHash: String { ContentHash.sha256Hex(canonicalBytes) }

  /// The normalized document as JSON (create-API form), built from ``menuSet`` when asked for:
  /// recording a menu needs only ``canonicalBytes``.
  public var document: JSONValue { menuSet.document }

  /// The worst fidelity of any button (`exact` when every button passed through).
  public var fidelity: Fidelity { notes.map(\.fidelity).max() ?? .exact }
}
