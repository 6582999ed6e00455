import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("the Weibo client against the sandbox")
struct WeiboClientTests {
  @Test("create, show and delete round-trip; the token travels as a form field on POSTs")
  func everyEndpoint() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.weibo()
      let empty = try await client.showMenu()
      #expect(empty.value.menuSet.defaultMenu.buttons.isEmpty)
      #expect(String(decoding: empty.bytes, as: UTF8.self) == #"{"menu":{"button":[]}}"#)

      let menu = Menu(buttons: [
        .leaf("领券 & more+", .click, [.key: "get_groupon"]),
        .parent("菜单", [.leaf("网上4S店", .view, [.url: "http://apps.weibo.com/1838358847/8rYu1uHD"])]),
      ])
      let created = try await client.createMenu(menu)
      #expect(String(decoding: created.bytes, as: UTF8.self) == #"{"result":true}"#)
      let body = String(decoding: created.request.body, as: UTF8.self)
      #expect(body.hasPrefix("access_token=<redacted>&menus=%7B%22button%22"))
      #expect(!created.request.url.contains("access_token"))

      let shown = try await client.showMenu()
      #expect(shown.value.menuSet == menu.asSet)
      #expect(shown.request.url.hasSuffix("2/messages/menu/show.json?access_token=<redacted>"))

      _ = try await client.deleteMenu()
      #expect(try await client.showMenu().value.menuSet.defaultMenu.buttons.isEmpty)
      let calls = await harness.server.calls()
      #expect(calls.map(\.method) == ["GET", "POST", "GET", "POST", "GET"])
      #expect(calls.allSatisfy { !$0.body.contains(SandboxConfiguration.standardWeiboToken) })
    }
  }

  @Test("Weibo's errors arrive typed: an unknown token, a broken rule, app credentials")
  func errors() async throws {
    try await SandboxHarness.run { harness in
      await #expect(
        throws: PlatformError.weibo(
          endpoint: "2/messages/menu/show.json", code: 21332, message: "invalid_access_token")
      ) {
        _ = try await harness.weibo("not-a-weibo-token").showMenu()
      }
      do throws(PlatformError) {
        _ = try await harness.weibo().createMenu(
          Menu(buttons: [.leaf("a", .mediaId, [.mediaID: "M1"])]))
        Issue.record("a media_id button was accepted by Weibo")
      } catch {
        #expect(error.weiboErrorCode == 26401)
        #expect(error.description.contains("type \\\"media_id\\\" is not accepted here"))
      }
      let withSecret = WeiboClient(
        tokenSource: .appCredentials(appID: "weiboapp", secret: "weibo-secret"),
        baseURL: harness.server.baseURL, options: harness.options())
      await #expect(throws: PlatformError.self) { _ = try await withSecret.showMenu() }
      #expect(await harness.server.calls().count == 2)
    }
  }

  @Test("Weibo's system-busy code is retried, like WeChat's -1")
  func retried() async throws {
    try await SandboxHarness.run { harness in
      await harness.server.inject(
        SandboxFault(.errorCode(10001, message: "system error"), count: 2),
        on: "/2/messages/menu/show.json")
      let shown = try await harness.weibo().showMenu()
      #expect(shown.attempts == 3)
    }
  }
}
