import Foundation
import MenuVaultCore
import MenuVaultPlatform

/// ``MenuAPI`` over the WeChat client: live = `menu/get` then `get_current_selfmenu_info`.
public struct WeChatMenuAPI: MenuAPI {
  /// The client used.
  public var client: WeChatClient

  /// Wraps a client.
  public init(client: WeChatClient) { self.client = client }

  /// Always `.wechat`.
  public var platform: Platform { .wechat }

  /// `menu/get` (its 46003 "no menu" answer kept as such) and `get_current_selfmenu_info`.
  public func fetchLive() async throws -> [LiveDocument] {
    let get = try await client.getMenu()
    let selfmenu = try await client.getCurrentSelfmenuInfo()
    return [
      LiveDocument(source: .get, bytes: get.bytes, isNoMenu: get.value == nil, menu: get.value),
      LiveDocument(source: .selfmenu, bytes: selfmenu.bytes, menu: selfmenu.value),
    ]
  }

  /// `menu/create`.
  public func createMenu(_ menu: Menu) async throws { _ = try await client.createMenu(menu) }

  /// `menu/addconditional`.
  public func addConditionalMenu(_ menu: Menu) async throws -> String {
    try await client.addConditionalMenu(menu).value
  }

  /// `menu/delconditional`.
  public func deleteConditionalMenu(menuID: String) async throws {
    _ = try await client.deleteConditionalMenu(menuID: menuID)
  }

  /// `menu/delete`.
  public func deleteMenu() async throws { _ = try await client.deleteMenu() }
}

/// ``MenuAPI`` over the Weibo client: live = `show.json`; Weibo has no conditional menus.
public struct WeiboMenuAPI: MenuAPI {
  /// The client used.
  public var client: WeiboClient

  /// Wraps a client.
  public init(client: WeiboClient) { self.client = client }

  /// Always `.weibo`.
  public var platform: Platform { .weibo }

  /// `show.json`.
  public func fetchLive() async throws -> [LiveDocument] {
    let show = try await client.showMenu()
    return [LiveDocument(source: .weiboShow, bytes: show.bytes, menu: show.value)]
  }

  /// `create.json`.
  public func createMenu(_ menu: Menu) async throws { _ = try await client.createMenu(menu) }

  /// Weibo has no conditional menus; validation refuses them before this is reached.
  public func addConditionalMenu(_ menu: Menu) async throws -> String {
    throw WorkflowError.notPublishable(
      findings: MenuValidator(platform: .weibo).findings(
        in: MenuSet(defaultMenu: Menu(buttons: []), conditionalMenus: [menu])))
  }

  /// Weibo has no conditional menus: nothing to delete.
  public func deleteConditionalMenu(menuID: String) async throws {}

  /// `delete.json`.
  public func deleteMenu() async throws { _ = try await client.deleteMenu() }
}
