import Foundation
import MenuVaultCore
import MenuVaultPlatform

/// ``MenuAPI`` over the WeChat client: live = `menu/get` then `get_current_selfmenu_info`.
package struct WeChatMenuAPI: MenuAPI {
  /// The client used.
  package var client: WeChatClient

  /// Wraps a client.
  package init(client: WeChatClient) { self.client = client }

  /// Always `.wechat`.
  package var platform: Platform { .wechat }

  /// `menu/get` (its 46003 "no menu" answer kept as such) and `get_current_selfmenu_info`.
  package func fetchLive() async throws -> [LiveDocument] {
    let get = try await client.getMenu()
    let selfmenu = try await client.getCurrentSelfmenuInfo()
    return [
      LiveDocument(source: .get, bytes: get.bytes, isNoMenu: get.value == nil, menu: get.value),
      LiveDocument(source: .selfmenu, bytes: selfmenu.bytes, menu: selfmenu.value),
    ]
  }

  /// `menu/create`.
  package func createMenu(_ menu: Menu) async throws { _ = try await client.createMenu(menu) }

  /// `menu/addconditional`.
  package func addConditionalMenu(_ menu: Menu) async throws -> String {
    try await client.addConditionalMenu(menu).value
  }

  /// `menu/delconditional`.
  package func deleteConditionalMenu(menuID: String) async throws {
    _ = try await client.deleteConditionalMenu(menuID: menuID)
  }

  /// `menu/delete`.
  package func deleteMenu() async throws { _ = try await client.deleteMenu() }
}

/// ``MenuAPI`` over the Weibo client: live = `show.json`; Weibo has no conditional menus.
package struct WeiboMenuAPI: MenuAPI {
  /// The client used.
  package var client: WeiboClient

  /// Wraps a client.
  package init(client: WeiboClient) { self.client = client }

  /// Always `.weibo`.
  package var platform: Platform { .weibo }

  /// `show.json`.
  package func fetchLive() async throws -> [LiveDocument] {
    let show = try await client.showMenu()
    return [LiveDocument(source: .weiboShow, bytes: show.bytes, menu: show.value)]
  }

  /// `create.json`.
  package func createMenu(_ menu: Menu) async throws { _ = try await client.createMenu(menu) }

  /// Weibo has no conditional menus; validation refuses them before this is reached.
  package func addConditionalMenu(_ menu: Menu) async throws -> String {
    throw WorkflowError.notPublishable(
      findings: MenuValidator(platform: .weibo).findings(
        in: MenuSet(defaultMenu: Menu(buttons: []), conditionalMenus: [menu])))
  }

  /// Weibo has no conditional menus: nothing to delete.
  package func deleteConditionalMenu(menuID: String) async throws {}

  /// `delete.json`.
  package func deleteMenu() async throws { _ = try await client.deleteMenu() }
}
