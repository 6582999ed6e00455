import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("the sandbox's tokens, shapes, website-set menus and control endpoints")
struct SandboxBehaviourTests {
  @Test(
    "tokens: missing 41001, malformed 40014, unknown 40001, expired 42001, each with WeChat's text")
  func tokenErrors() async throws {
    try await SandboxHarness.run { harness in
      #expect(
        try await harness.raw("GET", "/cgi-bin/menu/get").body
          == #"{"errcode":41001,"errmsg":"access_token missing"}"#)
      #expect(
        try await harness.raw("GET", "/cgi-bin/menu/get?access_token=a%20b").body
          == #"{"errcode":40014,"errmsg":"invalid access_token"}"#)
      #expect(
        try await harness.raw("GET", "/cgi-bin/menu/get?access_token=unknown").body
          == #"{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}"#
      )
      let token = try await harness.stableToken()
      #expect(try await harness.stableToken() == token)
      await harness.server.expireTokens()
      #expect(
        try await harness.raw("GET", "/cgi-bin/menu/get?access_token=\(token)").body
          == #"{"errcode":42001,"errmsg":"access_token expired"}"#)
      #expect(try await harness.stableToken() != token)
    }
  }

  @Test("cgi-bin/token issues a new token each time and the old one keeps working for a while")
  func legacyTokenOverlap() async throws {
    try await SandboxHarness.run { harness in
      let path = "/cgi-bin/token?grant_type=client_credential&appid=wxsandbox&secret=sandbox-secret"
      let first = try JSONParser.parse(Array(try await harness.raw("GET", path).body.utf8))
      let second = try JSONParser.parse(Array(try await harness.raw("GET", path).body.utf8))
      #expect(first["expires_in"] == .number(7200))
      guard case .string(let old)? = first["access_token"],
        case .string(let new)? = second["access_token"]
      else {
        Issue.record("no tokens")
        return
      }
      #expect(old != new)
      for token in [old, new] {
        #expect(
          try await harness.raw("GET", "/cgi-bin/menu/get?access_token=\(token)").body
            == #"{"errcode":46003,"errmsg":"menu no exist"}"#)
      }
      #expect(
        try await harness.raw(
          "GET", "/cgi-bin/token?grant_type=client_credential&appid=wxsandbox&secret=x"
        )
        .body == #"{"errcode":40125,"errmsg":"invalid appsecret"}"#)
    }
  }

  @Test("configured apps have their own state and credentials")
  func perAppState() async throws {
    let configuration = SandboxConfiguration(
      apps: [
        .init(appID: "wxone", secret: "secret-one"), .init(appID: "wxtwo", secret: "secret-two"),
      ])
    try await SandboxHarness.run(configuration) { harness in
      let one = harness.wechat(.appCredentials(appID: "wxone", secret: "secret-one"))
      let two = harness.wechat(.appCredentials(appID: "wxtwo", secret: "secret-two"))
      _ = try await one.createMenu(TestMenus.basic)
      #expect(try await one.getMenu().value != nil)
      #expect(try await two.getMenu().value == nil)
      #expect(
        await harness.server.calls().compactMap(\.appID) == [
          "wxone", "wxone", "wxone", "wxtwo", "wxtwo",
        ])
      let standard = harness.wechat()
      await #expect(throws: PlatformError.self) { _ = try await standard.getMenu() }
    }
  }

  @Test("a website-set menu shows only in selfmenu, with temporary values new on every fetch")
  func websiteMenu() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      let document = try TestFixtures.bytes("api/selfmenu-website.json")
      let seeded = try await harness.raw(
        "POST", "/sandbox/website-menu?appid=wxsandbox",
        body: String(decoding: document, as: UTF8.self))
      #expect(seeded.status == 200)
      #expect(try await client.getMenu().value == nil)
      let first = try await client.getCurrentSelfmenuInfo()
      let second = try await client.getCurrentSelfmenuInfo()
      #expect(first.bytes != second.bytes)
      // Same content: the temporary values are dropped by normalization.
      #expect(first.value.contentHash == second.value.contentHash)
      #expect(first.value.contentHash == (try Normalizer.normalize(document)).contentHash)
      func values(_ bytes: [UInt8], type: String) throws -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue) {
          switch value {
          case .object(let members):
            if value["type"] == .string(type), case .string(let text)? = value["value"] {
              found.append(text)
            }
            members.forEach { walk($0.value) }
          case .array(let elements): elements.forEach(walk)
          default: break
          }
        }
        walk(try JSONParser.parse(bytes))
        return found
      }
      for type in ["img", "voice", "video"] {
        let before = try values(first.bytes, type: type)
        let after = try values(second.bytes, type: type)
        #expect(before.count == 1)
        #expect(before != after, "\(type) value did not change")
      }
      #expect(try values(first.bytes, type: "text") == values(second.bytes, type: "text"))
      #expect(try values(first.bytes, type: "news") == values(second.bytes, type: "news"))
      // Publishing through the API replaces the website menu.
      _ = try await client.createMenu(TestMenus.basic)
      #expect(try await client.getCurrentSelfmenuInfo().value.menuSet == TestMenus.basic.asSet)
    }
  }

  @Test("reset brings back the state at start: temporary values count from 1 again")
  func resetRestartsTemporaryValues() async throws {
    try await SandboxHarness.run { harness in
      let document = String(
        decoding: try TestFixtures.bytes("api/selfmenu-website.json"), as: UTF8.self)
      /// The serial numbers in the temporary image and voice values (`tmp7_...`).
      func serials() async throws -> [String] {
        _ = try await harness.raw("POST", "/sandbox/website-menu?appid=wxsandbox", body: document)
        let bytes = try await harness.wechat().getCurrentSelfmenuInfo().bytes
        return String(decoding: bytes, as: UTF8.self).matches(of: /"tmp(\d+)_/).map {
          String($0.output.1)
        }
      }
      let first = try await serials()
      // The video, first in the menu, takes serial 1, then the voice and the image.
      #expect(first == ["2", "3"])
      #expect(try await serials() == ["5", "6"])
      #expect(try await harness.raw("POST", "/sandbox/reset").status == 200)
      #expect(try await serials() == first)
    }
  }

  @Test(
    "control endpoints: faults listed and consumed, calls filtered, bad requests refused, reset")
  func controlEndpoints() async throws {
    try await SandboxHarness.run { harness in
      let injected = try await harness.raw(
        "POST", "/sandbox/faults", body: #"{"path":"cgi-bin/menu/get","count":2,"errcode":-1}"#)
      #expect(injected.status == 200)
      #expect(injected.body.contains(#""path": "/cgi-bin/menu/get""#))
      let listed = try await harness.raw("GET", "/sandbox/faults")
      #expect(listed.body.contains(#""remaining": 2"#))
      let token = try await harness.stableToken()
      let busy = try await harness.raw("GET", "/cgi-bin/menu/get?access_token=\(token)")
      #expect(busy.body == #"{"errcode":-1,"errmsg":"system error"}"#)

      let calls = try await harness.raw("GET", "/sandbox/calls?path=/cgi-bin/menu/get")
      let json = try JSONParser.parse(Array(calls.body.utf8))
      guard case .array(let list)? = json["calls"] else {
        Issue.record("no calls array in \(calls.body)")
        return
      }
      #expect(list.count == 1)
      #expect(list.first?["fault"] == .string("errcode -1"))
      #expect(list.first?["query"] == .string("access_token=<redacted>"))
      #expect(!calls.body.contains(token))

      for (body, reason) in [
        (#"{"count":1,"errcode":-1}"#, "is required"),
        (#"{"path":"/x","errcode":-1,"drop":true}"#, "only one of"),
        (#"{"path":"/x"}"#, "give one of"),
        ("not json", "not JSON"),
      ] {
        let refused = try await harness.raw("POST", "/sandbox/faults", body: body)
        #expect(refused.status == 400)
        #expect(refused.body.contains(reason), "\(body): \(refused.body)")
      }
      let badSeed = try await harness.raw("POST", "/sandbox/website-menu", body: #"{"hello":1}"#)
      #expect(badSeed.status == 400)
      let unknownApp = try await harness.raw("POST", "/sandbox/expire-tokens?appid=wxnone")
      #expect(unknownApp.body.contains("knows no app"))
      let expired = try await harness.raw("POST", "/sandbox/expire-tokens")
      #expect(expired.body.contains(#""expired": 1"#))
      let user = try await harness.raw(
        "POST", "/sandbox/users", body: #"{"user_id":"u1","tag_id":7}"#)
      #expect(user.status == 200)

      #expect(try await harness.raw("POST", "/sandbox/reset").status == 200)
      #expect(await harness.server.calls().isEmpty)
      #expect(try await harness.raw("GET", "/sandbox/faults").body.contains(#""faults": []"#))
      #expect(try await harness.raw("GET", "/sandbox/").body.contains("/sandbox/faults"))
    }
  }

  @Test("Weibo: error body shape with HTTP 400, form values with + and %2B decoded")
  func weiboShapes() async throws {
    try await SandboxHarness.run { harness in
      let bad = try await harness.raw("GET", "/2/messages/menu/show.json?access_token=nope")
      #expect(bad.status == 400)
      #expect(
        bad.body
          == #"{"request":"/2/messages/menu/show.json","error_code":21332,"error":"invalid_access_token"}"#
      )
      let menus = #"{"button":[{"type":"click","name":"a b+c","key":"k"}]}"#
      let form =
        "access_token=weibo-sandbox-token&menus="
        + menus.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: " ", with: "+")
      let created = try await harness.raw("POST", "/2/messages/menu/create.json", body: form)
      #expect(created.body == #"{"result":true}"#)
      let shown = try await harness.raw(
        "GET", "/2/messages/menu/show.json?access_token=weibo-sandbox-token")
      #expect(shown.body == #"{"menu":{"button":[{"type":"click","name":"a b+c","key":"k"}]}}"#)
      let get = try await harness.raw(
        "GET", "/2/messages/menu/create.json?access_token=weibo-sandbox-token")
      #expect(get.body.contains(#""error_code":10021"#))
    }
  }

  @Test("the server listens on the port it reports and stops cleanly")
  func startAndStop() async throws {
    let server = try await SandboxServer.start()
    #expect(server.port != 0)
    #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)/")
    await server.stop()
    await #expect(throws: SandboxError.self) {
      _ = try await SandboxServer.start(SandboxConfiguration(host: "example.com"))
    }
  }
}
