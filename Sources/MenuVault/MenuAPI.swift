import MenuVaultCore
import MenuVaultStore

/// A live menu document as the platform answered it: the exact bytes and which read it was.
public struct LiveDocument: Sendable, Equatable {
  /// Which read: `get`, `selfmenu` or `weibo-show`.
  public var source: SnapshotSource
  /// The exact response bytes.
  public var bytes: [UInt8]
  /// Whether the platform answered "there is no menu" (WeChat 46003) rather than a menu.
  public var isNoMenu: Bool
  /// The menu the client already read from ``bytes``, so the workflows do not read them again;
  /// `nil` when the client did not (they are read then).
  public var menu: NormalizedMenu?

  /// Creates a live document.
  public init(
    source: SnapshotSource, bytes: [UInt8], isNoMenu: Bool = false, menu: NormalizedMenu? = nil
  ) {
    self.source = source
    self.bytes = bytes
    self.isNoMenu = isNoMenu
    self.menu = menu
  }
}

/// What the workflows need from a platform's menu API. `Account.menuAPI(credentials:options:)`
/// gives the one of an account's platform; tests may run it against the sandbox.
public protocol MenuAPI: Sendable {
  /// The platform spoken.
  var platform: Platform { get }
  /// Reads what is live: WeChat `menu/get` then `get_current_selfmenu_info`; Weibo `show.json`.
  func fetchLive() async throws -> [LiveDocument]
  /// Replaces the default menu.
  func createMenu(_ menu: Menu) async throws
  /// Adds a conditional menu (with its match rule); returns its new menuid.
  func addConditionalMenu(_ menu: Menu) async throws -> String
  /// Deletes one conditional menu.
  func deleteConditionalMenu(menuID: String) async throws
  /// Deletes the whole menu (default and conditional).
  func deleteMenu() async throws
}
