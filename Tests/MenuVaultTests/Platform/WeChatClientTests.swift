import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("the WeChat client against the sandbox")
struct WeChatClientTests {
  @Test("every menu endpoint round-trips: create, get, selfmenu, conditional, trymatch, delete")
  func everyEndpoint() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      let none = try await client.getMenu()
      #expect(none.value == nil)
      #expect(
        String(decoding: none.bytes, as: UTF8.self)
          == #"{"errcode":46003,"errmsg":"menu no exist"}"#)

      let created = try await client.createMenu(TestMenus.basic)
      #expect(String(decoding: created.bytes, as: UTF8.self) == #"{"errcode":0,"errmsg":"ok"}"#)
      #expect(created.endpoint == "cgi-bin/menu/create")
      #expect(created.request.method == "POST")
      #expect(created.request.url.hasSuffix("/cgi-bin/menu/create?access_token=<redacted>"))

      let got = try await client.getMenu()
      let menu = try #require(got.value)
      #expect(menu.menuSet == TestMenus.basic.asSet)
      #expect(
        String(decoding: got.bytes, as: UTF8.self).contains(
          #""url":"http:\/\/www.soso.com\/","sub_button":[]"#))

      let selfmenu = try await client.getCurrentSelfmenuInfo()
      #expect(selfmenu.value.menuSet == TestMenus.basic.asSet)
      #expect(selfmenu.value.metadata.isMenuOpen == true)
      #expect(selfmenu.value.contentHash == menu.contentHash)

      let added = try await client.addConditionalMenu(TestMenus.conditional(tag: "2"))
      #expect(Int(added.value) != nil)
      let withConditional = try #require(try await client.getMenu().value)
      #expect(withConditional.menuSet.conditionalMenus == [TestMenus.conditional(tag: "2")])
      #expect(withConditional.metadata.conditionalMenuIDs == [added.value])
      #expect(withConditional.metadata.defaultMenuID != nil)

      try await harness.server.addUser("tagged", attributes: MatchRule([.tagID: "2"]))
      let tagged = try await client.tryMatch(userID: "tagged")
      #expect(tagged.value.menuSet.defaultMenu.buttons == TestMenus.conditional(tag: "2").buttons)
      let plain = try await client.tryMatch(userID: SandboxConfiguration.standardUserID)
      #expect(plain.value.menuSet.defaultMenu == TestMenus.basic)

      _ = try await client.deleteConditionalMenu(menuID: added.value)
      #expect(try await client.getMenu().value?.menuSet.conditionalMenus == [])
      _ = try await client.deleteMenu()
      #expect(try await client.getMenu().value == nil)
      #expect(
        await harness.calledPaths() == [
          "/cgi-bin/stable_token", "/cgi-bin/menu/get", "/cgi-bin/menu/create", "/cgi-bin/menu/get",
          "/cgi-bin/get_current_selfmenu_info", "/cgi-bin/menu/addconditional",
          "/cgi-bin/menu/get", "/cgi-bin/menu/trymatch", "/cgi-bin/menu/trymatch",
          "/cgi-bin/menu/delconditional", "/cgi-bin/menu/get", "/cgi-bin/menu/delete",
          "/cgi-bin/menu/get",
        ])
    }
  }

  @Test("the API's own errors arrive typed, with the code's meaning: 65303, 65304, 65301, 65302")
  func typedErrors() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/addconditional", code: 65303,
          message: "there is no selfmenu, please create selfmenu first")
      ) {
        _ = try await client.addConditionalMenu(TestMenus.conditional(tag: "2"))
      }
      _ = try await client.createMenu(TestMenus.basic)
      do throws(PlatformError) {
        _ = try await client.addConditionalMenu(Menu(buttons: TestMenus.basic.buttons))
        Issue.record("an empty match rule was accepted")
      } catch {
        #expect(error.wechatErrorCode == 65304)
        #expect(
          error.description
            == "cgi-bin/menu/addconditional failed with errcode 65304 (\"match rule empty\"): "
            + "a conditional menu needs a match rule with at least one field")
      }
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/delconditional", code: 65301, message: "no such conditional menu")
      ) {
        _ = try await client.deleteConditionalMenu(menuID: "12345")
      }
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/trymatch", code: 65302, message: "no such user")
      ) {
        _ = try await client.tryMatch(userID: "nobody")
      }
    }
  }

  @Test("a token is fetched once and reused until it nears expiry, then fetched again")
  func tokenReuseAndExpiry() async throws {
    try await SandboxHarness.run { harness in
      let clock = TestClock()
      let client = harness.wechat(options: harness.options(now: { clock.now() }))
      _ = try await client.getMenu()
      _ = try await client.getMenu()
      #expect(await harness.server.calls(path: "/cgi-bin/stable_token").count == 1)
      clock.advance(by: 7200 - 300 - 1)
      _ = try await client.getMenu()
      #expect(await harness.server.calls(path: "/cgi-bin/stable_token").count == 1)
      clock.advance(by: 2)
      _ = try await client.getMenu()
      let tokenCalls = await harness.server.calls(path: "/cgi-bin/stable_token")
      #expect(tokenCalls.count == 2)
      // Replacing a token that merely aged does not force a refresh.
      #expect(tokenCalls.last?.body.contains(#""force_refresh":false"#) == true)
    }
  }

  @Test("an expired token is refreshed once with force_refresh and the call retried once")
  func refreshAfterExpiry() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      #expect(await harness.server.expireTokens() == 1)
      let got = try await client.getMenu()
      #expect(got.value?.menuSet == TestMenus.basic.asSet)
      #expect(got.attempts == 2)
      let calls = await harness.server.calls()
      #expect(
        calls.map(\.path) == [
          "/cgi-bin/stable_token", "/cgi-bin/menu/create", "/cgi-bin/menu/get",
          "/cgi-bin/stable_token", "/cgi-bin/menu/get",
        ])
      #expect(calls[2].errorCode == 42001)
      #expect(calls[3].body.contains(#""force_refresh":true"#))
      #expect(harness.log.lines.contains { $0.contains("the access token was refused") })
    }
  }

  @Test(
    "force_refresh only after 40001 or 42001: a malformed-token answer (40014) asks again without it"
  )
  func forcedRefreshOnlyAfterInvalidOrExpired() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      var forced: [Bool] = []
      for code in [40014, 40001, 42001] {
        await harness.server.inject(
          SandboxFault(.errorCode(code, message: nil)), on: "/cgi-bin/menu/get")
        let got = try await client.getMenu()
        #expect(got.attempts == 2, "errcode \(code): replaced once, then answered")
      }
      for call in await harness.server.calls(path: "/cgi-bin/stable_token") {
        forced.append(call.body.contains(#""force_refresh":true"#))
      }
      // The first token, then one replacement per refusal: only 40001 and 42001 force one.
      #expect(forced == [false, false, true, true])
    }
  }

  @Test("cgi-bin/token works as the token endpoint too")
  func legacyTokenEndpoint() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(
        .appCredentials(
          appID: SandboxHarness.appID, secret: SandboxHarness.secret, endpoint: .token))
      _ = try await client.createMenu(TestMenus.basic)
      let tokenCall = try #require(await harness.server.calls(path: "/cgi-bin/token").first)
      #expect(tokenCall.method == "GET")
      #expect(tokenCall.query == "grant_type=client_credential&appid=wxsandbox&secret=<redacted>")
    }
  }

  @Test("a given token that the server refuses is not refreshed: one call, then the error")
  func givenTokenIsNotRefreshed() async throws {
    try await SandboxHarness.run { harness in
      let token = try await harness.stableToken()
      let client = harness.wechat(.accessToken(token))
      _ = try await client.createMenu(TestMenus.basic)
      await harness.server.expireTokens()
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/get", code: 42001, message: "access_token expired")
      ) {
        _ = try await client.getMenu()
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/get").count == 1)
    }
  }

  @Test("a token command's first line is the token; it is run again when the token is refused")
  func tokenCommand() async throws {
    try await SandboxHarness.run { harness in
      let token = try await harness.stableToken()
      let script = FileManager.default.temporaryDirectory
        .appendingPathComponent("menuvault-token-\(UUID().uuidString).sh")
      try "#!/bin/sh\necho run >> \"$0.count\"\nprintf '  %s  \\nsecond line\\n' \(token)\n"
        .write(to: script, atomically: true, encoding: .utf8)
      defer {
        try? FileManager.default.removeItem(at: script)
        try? FileManager.default.removeItem(atPath: script.path + ".count")
      }
      let client = harness.wechat(.command("sh \(script.path)"))
      _ = try await client.createMenu(TestMenus.basic)
      _ = try await client.getMenu()
      await harness.server.expireTokens()
      // The command prints the same (now expired) token: refreshed once, then the error.
      await #expect(throws: PlatformError.self) { _ = try await client.getMenu() }
      let runs = try String(contentsOfFile: script.path + ".count", encoding: .utf8)
      #expect(runs == "run\nrun\n")
      #expect(await harness.server.calls(path: "/cgi-bin/menu/get").count == 3)
    }
  }

  @Test("a failing token command is reported with its status and first error line")
  func failingTokenCommand() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(.command("echo 'vault is sealed' >&2; exit 3"))
      await #expect(
        throws: PlatformError.tokenCommandFailed(
          command: "echo 'vault is sealed' >&2; exit 3",
          reason: "exited with status 3: vault is sealed")
      ) {
        _ = try await client.getMenu()
      }
      let silent = harness.wechat(.command("true"))
      await #expect(
        throws: PlatformError.tokenCommandFailed(command: "true", reason: "printed no token")
      ) {
        _ = try await silent.getMenu()
      }
      #expect(await harness.server.calls().isEmpty)
    }
  }

  @Test("a token command that runs too long is stopped and reported with the time it was given")
  func slowTokenCommand() async throws {
    try await SandboxHarness.run { harness in
      var options = harness.options()
      options.tokenCommandTimeout = .milliseconds(300)
      // The command notes the SIGTERM it gets (and stops its sleeper); a command that was only
      // waited for would write nothing.
      let marker = FileManager.default.temporaryDirectory
        .appendingPathComponent("menuvault-token-\(UUID().uuidString).stopped")
      defer { try? FileManager.default.removeItem(at: marker) }
      let command = "trap 'kill $!; echo stopped > \(marker.path); exit 1' TERM; sleep 20 & wait"
      let client = harness.wechat(.command(command), options: options)
      await #expect(
        throws: PlatformError.tokenCommandFailed(
          command: command, reason: "did not finish within 0.3 s")
      ) {
        _ = try await client.getMenu()
      }
      #expect((try? String(contentsOf: marker, encoding: .utf8)) == "stopped\n")
      #expect(await harness.server.calls().isEmpty)
    }
  }

  @Test("a token command that writes much on standard error before it fails does not stall")
  func talkativeTokenCommand() async throws {
    try await SandboxHarness.run { harness in
      // 300 KB: more than a pipe holds, written before standard output is closed.
      let command = "yes 'vault is sealed' | head -n 15000 >&2; exit 4"
      let client = harness.wechat(.command(command))
      await #expect(
        throws: PlatformError.tokenCommandFailed(
          command: command, reason: "exited with status 4: vault is sealed")
      ) {
        _ = try await client.getMenu()
      }
    }
  }

  @Test("wrong app credentials fail with 40013 or 40125 and the secret appears nowhere")
  func wrongCredentials() async throws {
    try await SandboxHarness.run { harness in
      let wrongSecret = harness.wechat(
        .appCredentials(appID: SandboxHarness.appID, secret: "not-the-secret-123"))
      do throws(PlatformError) {
        _ = try await wrongSecret.getMenu()
        Issue.record("a wrong secret was accepted")
      } catch {
        #expect(error.wechatErrorCode == 40125)
        #expect(error.description.hasPrefix("cgi-bin/stable_token failed with errcode 40125"))
        #expect(!error.description.contains("not-the-secret-123"))
      }
      let wrongApp = harness.wechat(.appCredentials(appID: "wxnobody", secret: "whatever-secret"))
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/stable_token", code: 40013, message: "invalid appid")
      ) {
        _ = try await wrongApp.getMenu()
      }
      #expect(!harness.log.lines.joined().contains("not-the-secret-123"))
    }
  }
}

extension Menu {
  /// This menu as the default menu of a set.
  var asSet: MenuSet { MenuSet(defaultMenu: self) }
}
