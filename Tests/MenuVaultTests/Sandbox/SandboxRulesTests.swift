import Foundation
import MenuSandbox
import MenuVault
import Testing

/// One documented limit: a menu just inside it and one just outside, and the code WeChat
/// answers the second with.
struct LimitCase: Sendable, CustomTestStringConvertible {
  var name: String
  var inside: Menu
  var outside: Menu
  var code: Int

  var testDescription: String { name }

  static func click(_ name: String, key: String = "k") -> Button {
    .leaf(name, .click, [.key: key])
  }

  static func parent(_ children: [Button]) -> Menu {
    Menu(buttons: [.parent("p", children)])
  }

  static let wechat: [LimitCase] = [
    // 16 bytes: 5 CJK (15) + 1 ASCII; 17 bytes: 4 CJK + 1 emoji (4) + 1 ASCII.
    LimitCase(
      name: "top-level name 16/17 bytes", inside: Menu(buttons: [click("今日歌曲好a")]),
      outside: Menu(buttons: [click("今日歌曲😀a")]), code: 40018),
    LimitCase(
      name: "sub-button name 60/61 bytes",
      inside: parent([click(String(repeating: "😀", count: 15))]),
      outside: parent([click(String(repeating: "😀", count: 15) + "a")]), code: 40025),
    LimitCase(
      name: "top-level key 128/129 bytes",
      inside: Menu(buttons: [click("a", key: String(repeating: "k", count: 128))]),
      outside: Menu(buttons: [click("a", key: String(repeating: "k", count: 129))]), code: 40019),
    LimitCase(
      name: "sub-button key 128/129 bytes",
      inside: parent([click("a", key: String(repeating: "k", count: 128))]),
      outside: parent([click("a", key: String(repeating: "k", count: 129))]), code: 40026),
    LimitCase(
      name: "top-level url 1024/1025 bytes",
      inside: Menu(buttons: [.leaf("a", .view, [.url: url(bytes: 1024)])]),
      outside: Menu(buttons: [.leaf("a", .view, [.url: url(bytes: 1025)])]), code: 40020),
    LimitCase(
      name: "sub-button url 1024/1025 bytes",
      inside: parent([.leaf("a", .view, [.url: url(bytes: 1024)])]),
      outside: parent([.leaf("a", .view, [.url: url(bytes: 1025)])]), code: 40027),
    LimitCase(
      name: "3/4 top-level buttons",
      inside: Menu(buttons: (1...3).map { click("b\($0)") }),
      outside: Menu(buttons: (1...4).map { click("b\($0)") }), code: 40016),
    LimitCase(
      name: "5/6 sub-buttons", inside: parent((1...5).map { click("s\($0)") }),
      outside: parent((1...6).map { click("s\($0)") }), code: 40023),
    LimitCase(
      name: "a view sub-button with/without a url",
      inside: parent([.leaf("a", .view, [.url: "http://x/"])]),
      outside: parent([.leaf("a", .view, [:])]), code: 40027),
  ]

  static let weibo: [LimitCase] = [
    LimitCase(
      name: "Weibo top-level name 16/17 bytes", inside: Menu(buttons: [click("今日歌曲好a")]),
      outside: Menu(buttons: [click("今日歌曲😀a")]), code: 26401),
    LimitCase(
      name: "Weibo sub-button name 40/41 bytes",
      inside: parent([click(String(repeating: "😀", count: 10))]),
      outside: parent([click(String(repeating: "😀", count: 10) + "a")]), code: 26401),
    LimitCase(
      name: "Weibo url 256/257 bytes",
      inside: Menu(buttons: [.leaf("a", .view, [.url: url(bytes: 256)])]),
      outside: Menu(buttons: [.leaf("a", .view, [.url: url(bytes: 257)])]), code: 26401),
    LimitCase(
      name: "Weibo key 128/129 bytes",
      inside: Menu(buttons: [click("a", key: String(repeating: "k", count: 128))]),
      outside: Menu(buttons: [click("a", key: String(repeating: "k", count: 129))]), code: 26401),
    LimitCase(
      name: "Weibo 3/4 top-level buttons",
      inside: Menu(buttons: (1...3).map { click("b\($0)") }),
      outside: Menu(buttons: (1...4).map { click("b\($0)") }), code: 26401),
    LimitCase(
      name: "Weibo 5/6 sub-buttons", inside: parent((1...5).map { click("s\($0)") }),
      outside: parent((1...6).map { click("s\($0)") }), code: 26401),
  ]

  /// `http://x.cn/aaa...` of exactly `bytes` bytes.
  static func url(bytes: Int) -> String {
    let prefix = "http://x.cn/"
    return prefix + String(repeating: "a", count: bytes - prefix.utf8.count)
  }
}

@Suite("the sandbox enforces the documented rules with the platforms' codes")
struct SandboxRulesTests {
  @Test(
    "WeChat: each limit passes at its boundary and fails one past it", arguments: LimitCase.wechat)
  func wechatLimit(_ limit: LimitCase) async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(limit.inside)
      #expect(try await client.getMenu().value?.menuSet == limit.inside.asSet)
      do throws(PlatformError) {
        _ = try await client.createMenu(limit.outside)
        Issue.record("\(limit.name): accepted one past the limit")
      } catch {
        #expect(error.wechatErrorCode == limit.code)
        #expect(error.description.contains(WeChatErrorCode.message(for: limit.code)))
      }
      // The failed create left the menu as it was.
      #expect(try await client.getMenu().value?.menuSet == limit.inside.asSet)
    }
  }

  @Test(
    "Weibo: each limit passes at its boundary and fails one past it", arguments: LimitCase.weibo)
  func weiboLimit(_ limit: LimitCase) async throws {
    try await SandboxHarness.run { harness in
      let client = harness.weibo()
      _ = try await client.createMenu(limit.inside)
      #expect(try await client.showMenu().value.menuSet == limit.inside.asSet)
      await #expect(throws: PlatformError.self) { _ = try await client.createMenu(limit.outside) }
      let last = try #require(await harness.server.calls().last)
      #expect(last.status == 400)
      #expect(last.errorCode == limit.code)
    }
  }

  @Test("conditional menus for the same rules use their own codes, and 65303 comes first")
  func conditionalLimits() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      var tooMany = TestMenus.conditional(tag: "1")
      tooMany.buttons = (1...4).map { LimitCase.click("b\($0)") }
      await #expect(throws: PlatformError.self) { _ = try await client.addConditionalMenu(tooMany) }
      #expect(await harness.server.calls().last?.errorCode == 65303)
      _ = try await client.createMenu(TestMenus.basic)
      await #expect(throws: PlatformError.self) { _ = try await client.addConditionalMenu(tooMany) }
      #expect(await harness.server.calls().last?.errorCode == 40016)
    }
  }

  @Test("raw requests: website-only types, GET on a POST endpoint, an empty body, bad JSON")
  func rawRequests() async throws {
    try await SandboxHarness.run { harness in
      let token = try await harness.stableToken()
      let create = "/cgi-bin/menu/create?access_token=\(token)"
      let text = try await harness.raw(
        "POST", create, body: #"{"button":[{"type":"text","name":"hi","value":"hello"}]}"#)
      #expect(text.body == #"{"errcode":40017,"errmsg":"invalid button type"}"#)
      let subImg = try await harness.raw(
        "POST", create,
        body: #"{"button":[{"name":"p","sub_button":[{"type":"img","name":"i","value":"x"}]}]}"#)
      #expect(subImg.body == #"{"errcode":40024,"errmsg":"invalid sub button type"}"#)
      #expect(
        try await harness.raw("GET", create).body
          == #"{"errcode":43002,"errmsg":"require POST method"}"#)
      #expect(
        try await harness.raw("POST", create, body: "").body
          == #"{"errcode":44002,"errmsg":"empty post data"}"#)
      let bad = try await harness.raw("POST", create, body: "{\"button\":[")
      #expect(bad.status == 200)
      #expect(bad.body == #"{"errcode":47001,"errmsg":"data format error"}"#)
      let parentWithType = try await harness.raw(
        "POST", create,
        body:
          #"{"button":[{"type":"click","name":"p","key":"k","sub_button":[{"type":"click","name":"c","key":"c"}]}]}"#
      )
      #expect(parentWithType.body == #"{"errcode":40017,"errmsg":"invalid button type"}"#)
    }
  }
}
