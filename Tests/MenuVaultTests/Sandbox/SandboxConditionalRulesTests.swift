import Foundation
import MenuSandbox
import MenuVault
import Testing

/// Raw WeChat calls with one token, so each answer is compared byte for byte and no client
/// retries a 45009.
private struct RawWeChat {
  let harness: SandboxHarness
  let token: String

  static func connect(_ harness: SandboxHarness) async throws -> RawWeChat {
    RawWeChat(harness: harness, token: try await harness.stableToken())
  }

  /// `POST /cgi-bin/menu/ENDPOINT` with `body`; the answer's text.
  func post(_ endpoint: String, _ body: String) async throws -> String {
    let answer = try await harness.raw(
      "POST", "/cgi-bin/menu/\(endpoint)?access_token=\(token)", body: body)
    #expect(answer.status == 200)
    return answer.body
  }

  /// `GET /cgi-bin/menu/get`, parsed.
  func menuGet() async throws -> JSONValue {
    let answer = try await harness.raw("GET", "/cgi-bin/menu/get?access_token=\(token)")
    return try JSONParser.parse(Array(answer.body.utf8))
  }

  /// The menuids menu/get lists under `conditionalmenu`, oldest first.
  func conditionalMenuIDs() async throws -> [Double] {
    guard case .array(let list)? = try await menuGet()["conditionalmenu"] else { return [] }
    return list.compactMap { entry in
      if case .number(let id)? = entry["menuid"] { return id }
      return nil
    }
  }
}

/// Bodies for the conditional-menu endpoints.
private enum Bodies {
  static let defaultMenu =
    #"{"button":[{"type":"click","name":"default","key":"DEFAULT"}]}"#

  /// A one-button conditional menu with `rule` (the inside of the `matchrule` object).
  static func conditional(_ rule: String, key: String = "COND") -> String {
    #"{"button":[{"type":"click","name":"c","key":"\#(key)"}],"matchrule":{\#(rule)}}"#
  }

  /// A conditional menu for `tag_id` whose one parent holds a view sub-button per URL.
  static func links(tag: String, _ urls: [String]) -> String {
    let subButtons = urls.enumerated().map { index, url in
      #"{"type":"view","name":"l\#(index)","url":"\#(url)"}"#
    }
    return #"{"button":[{"name":"links","sub_button":["#
      + subButtons.joined(separator: ",") + #"]}],"matchrule":{"tag_id":"\#(tag)"}}"#
  }

  static let privacyRefusal =
    #"{"errcode":65320,"errmsg":"matchrule contains privacy fields (sex, country, province, city, language), which are no longer supported"}"#
  static let domainRefusal = #"{"errcode":65316,"errmsg":"domain count reach limit"}"#
  static let quotaRefusal = #"{"errcode":45009,"errmsg":"reach max api daily quota limit"}"#
}

/// A field WeChat retired for privacy, with a value an old rule would hold.
struct RetiredField: Sendable, CustomTestStringConvertible {
  var name: String
  var value: String

  var testDescription: String { name }

  static let all: [RetiredField] = [
    RetiredField(name: "sex", value: "1"), RetiredField(name: "country", value: "中国"),
    RetiredField(name: "province", value: "广东"), RetiredField(name: "city", value: "广州"),
    RetiredField(name: "language", value: "zh_CN"),
  ]
}

/// One endpoint with a daily quota: how to call it so that it succeeds twice in a row.
struct QuotaCase: Sendable, CustomTestStringConvertible {
  var endpoint: SandboxQuotas.Endpoint
  var limit: Int

  var testDescription: String { endpoint.rawValue }

  static let all: [QuotaCase] = [
    QuotaCase(endpoint: .addConditional, limit: 2000),
    QuotaCase(endpoint: .deleteConditional, limit: 2000),
    QuotaCase(endpoint: .tryMatch, limit: 20000),
  ]
}

@Suite("the sandbox enforces WeChat's conditional-menu rules in force today")
struct SandboxConditionalRulesTests {
  // MARK: - Privacy fields (65320)

  @Test(
    "a matchrule with a retired privacy field is refused with 65320, alone or beside tag_id",
    arguments: RetiredField.all, [false, true])
  func privacyFieldRefused(_ field: RetiredField, besideTag: Bool) async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      #expect(
        try await wechat.post("create", Bodies.defaultMenu) == #"{"errcode":0,"errmsg":"ok"}"#)
      let rule = (besideTag ? #""tag_id":"2","# : "") + #""\#(field.name)":"\#(field.value)""#
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(rule)) == Bodies.privacyRefusal)
      // Nothing was stored: menu/get lists no conditional menu.
      #expect(try await wechat.menuGet()["conditionalmenu"] == nil)
    }
  }

  @Test("a matchrule with only tag_id or only client_platform_type is accepted")
  func activeFieldsAccepted() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"2""#))
          == #"{"menuid":"208396939"}"#)
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""client_platform_type":"1""#))
          == #"{"menuid":"208396940"}"#)
      #expect(try await wechat.conditionalMenuIDs() == [208_396_939, 208_396_940])
    }
  }

  @Test("checks run in order: body 47001, default menu 65303, empty rule 65304, privacy 65320")
  func orderOfChecks() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      let privacy = Bodies.conditional(#""sex":"1""#)
      #expect(
        try await wechat.post("addconditional", "{\"button\":[")
          == #"{"errcode":47001,"errmsg":"data format error"}"#)
      #expect(
        try await wechat.post("addconditional", privacy)
          == #"{"errcode":65303,"errmsg":"there is no selfmenu, please create selfmenu first"}"#)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(""))
          == #"{"errcode":65304,"errmsg":"match rule empty"}"#)
      // The match rule is read before the buttons and the domains.
      let fourButtons =
        #"{"button":[{"type":"click","name":"a","key":"a"},{"type":"click","name":"b","key":"b"},"#
        + #"{"type":"click","name":"c","key":"c"},{"type":"click","name":"d","key":"d"}],"#
        + #""matchrule":{"sex":"1"}}"#
      #expect(try await wechat.post("addconditional", fourButtons) == Bodies.privacyRefusal)
      #expect(
        try await wechat.post(
          "addconditional", fourButtons.replacingOccurrences(of: "sex", with: "tag_id"))
          == #"{"errcode":40016,"errmsg":"invalid button size"}"#)
      let fourDomains = Bodies.links(
        tag: "1", ["http://a.cn/", "http://b.cn/", "http://c.cn/", "http://d.cn/"])
      #expect(
        try await wechat.post(
          "addconditional", fourDomains.replacingOccurrences(of: "tag_id", with: "city"))
          == Bodies.privacyRefusal)
    }
  }

  // MARK: - Link domains (65316)

  @Test("all conditional menus together may link to 3 domains: a 4th in another menu is 65316")
  func domainsAcrossMenus() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      #expect(
        try await wechat.post(
          "addconditional",
          Bodies.links(tag: "1", ["https://a.example.com/x", "https://b.example.com/y"]))
          == #"{"menuid":"208396939"}"#)
      // a.example.com again (another case and a port) and a third domain: 3 in all.
      #expect(
        try await wechat.post(
          "addconditional",
          Bodies.links(tag: "2", ["https://A.Example.com:8443/z", "http://c.example.com/"]))
          == #"{"menuid":"208396940"}"#)
      #expect(
        try await wechat.post("addconditional", Bodies.links(tag: "3", ["https://d.example.com/"]))
          == Bodies.domainRefusal)
      // The refused menu was not stored, and one on a domain already linked still fits.
      #expect(try await wechat.conditionalMenuIDs() == [208_396_939, 208_396_940])
      #expect(
        try await wechat.post("addconditional", Bodies.links(tag: "3", ["https://b.example.com/"]))
          == #"{"menuid":"208396941"}"#)
    }
  }

  @Test("one conditional menu linking to 4 domains is 65316; 3 pass")
  func domainsInOneMenu() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      let urls = ["http://a.cn/", "http://b.cn/", "http://c.cn/", "http://d.cn/"]
      #expect(
        try await wechat.post("addconditional", Bodies.links(tag: "1", urls))
          == Bodies.domainRefusal)
      #expect(
        try await wechat.post("addconditional", Bodies.links(tag: "1", Array(urls.prefix(3))))
          == #"{"menuid":"208396939"}"#)
    }
  }

  // MARK: - Daily quotas (45009)

  @Test(
    "the call past the daily quota answers 45009 and is not carried out",
    arguments: QuotaCase.all)
  func quotaReached(_ quota: QuotaCase) async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      _ = try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"1""#))
      _ = try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"2""#))
      let set = try await harness.raw(
        "POST", "/sandbox/quota?appid=wxsandbox",
        body: #"{"\#(quota.endpoint.rawValue)":\#(quota.limit - 1)}"#)
      #expect(set.status == 200)
      let report = try JSONParser.parse(Array(set.body.utf8))
      #expect(report["ok"] == .bool(true))
      #expect(
        report["quota"]?[quota.endpoint.rawValue]
          == .object([
            JSONMember("used", .number(Double(quota.limit - 1))),
            JSONMember("limit", .number(Double(quota.limit))),
          ]))

      switch quota.endpoint {
      case .addConditional:
        let body = Bodies.conditional(#""tag_id":"3""#)
        #expect(try await wechat.post("addconditional", body) == #"{"menuid":"208396941"}"#)
        #expect(try await wechat.post("addconditional", body) == Bodies.quotaRefusal)
        #expect(
          try await wechat.conditionalMenuIDs() == [208_396_939, 208_396_940, 208_396_941])
      case .deleteConditional:
        #expect(
          try await wechat.post("delconditional", #"{"menuid":"208396939"}"#)
            == #"{"errcode":0,"errmsg":"ok"}"#)
        #expect(
          try await wechat.post("delconditional", #"{"menuid":"208396940"}"#)
            == Bodies.quotaRefusal)
        #expect(try await wechat.conditionalMenuIDs() == [208_396_940])
      case .tryMatch:
        let body = #"{"user_id":"sandbox-user"}"#
        #expect(
          try await wechat.post("trymatch", body)
            == #"{"button":[{"type":"click","name":"default","key":"DEFAULT","sub_button":[]}]}"#)
        #expect(try await wechat.post("trymatch", body) == Bodies.quotaRefusal)
      }

      // The refused call used no quota; a client that does not retry sees 45009 once.
      let shown = try JSONParser.parse(
        Array(try await harness.raw("GET", "/sandbox/quota?appid=wxsandbox").body.utf8))
      #expect(shown["quota"]?[quota.endpoint.rawValue]?["used"] == .number(Double(quota.limit)))
      let client = harness.wechat(options: harness.options(retry: .never))
      let before = await harness.server.calls(path: quota.endpoint.path).count
      do throws(PlatformError) {
        switch quota.endpoint {
        case .addConditional:
          _ = try await client.addConditionalMenu(TestMenus.conditional(tag: "9"))
        case .deleteConditional: _ = try await client.deleteConditionalMenu(menuID: "208396940")
        case .tryMatch: _ = try await client.tryMatch(userID: "sandbox-user")
        }
        Issue.record("\(quota.endpoint.rawValue): accepted past the quota")
      } catch {
        #expect(error.wechatErrorCode == 45009)
      }
      let after = await harness.server.calls(path: quota.endpoint.path)
      #expect(after.count == before + 1)
      #expect(after.last?.errorCode == 45009)

      // Reset starts the counts again.
      #expect(try await harness.raw("POST", "/sandbox/reset").status == 200)
      let cleared = try JSONParser.parse(
        Array(try await harness.raw("GET", "/sandbox/quota").body.utf8))
      #expect(cleared["quota"]?[quota.endpoint.rawValue]?["used"] == .number(0))
    }
  }

  @Test("every authenticated call counts, refused ones too; unauthenticated ones do not")
  func refusedCallsCount() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      _ = try await harness.raw(
        "POST", "/sandbox/quota", body: #"{"addconditional":1997}"#)
      // No token and a GET on the POST endpoint: not counted.
      _ = try await harness.raw("POST", "/cgi-bin/menu/addconditional", body: "{}")
      _ = try await harness.raw("GET", "/cgi-bin/menu/addconditional?access_token=\(wechat.token)")
      // Refused by the rules and an empty body: both counted.
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""sex":"2""#))
          == Bodies.privacyRefusal)
      #expect(
        try await wechat.post("addconditional", "")
          == #"{"errcode":44002,"errmsg":"empty post data"}"#)
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"1""#))
          == #"{"menuid":"208396939"}"#)
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"2""#))
          == Bodies.quotaRefusal)
      let shown = try await harness.raw("GET", "/sandbox/quota")
      #expect(
        try JSONParser.parse(Array(shown.body.utf8))
          == .object([
            JSONMember("appid", .string("wxsandbox")),
            JSONMember(
              "quota",
              .object([
                JSONMember(
                  "addconditional",
                  .object([JSONMember("used", .number(2000)), JSONMember("limit", .number(2000))])),
                JSONMember(
                  "delconditional",
                  .object([JSONMember("used", .number(0)), JSONMember("limit", .number(2000))])),
                JSONMember(
                  "trymatch",
                  .object([JSONMember("used", .number(0)), JSONMember("limit", .number(20000))])),
              ])),
          ]))
    }
  }

  @Test("the quotas are configuration: a sandbox with trymatch 1 refuses the second call")
  func configuredQuota() async throws {
    let configuration = SandboxConfiguration(quotas: SandboxQuotas(tryMatch: 1))
    try await SandboxHarness.run(configuration) { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      let body = #"{"user_id":"sandbox-user"}"#
      #expect(try await wechat.post("trymatch", body).hasPrefix(#"{"button":"#))
      #expect(try await wechat.post("trymatch", body) == Bodies.quotaRefusal)
    }
  }

  @Test("POST /sandbox/quota refuses unknown keys, non-integers and unknown apps, changing nothing")
  func quotaControlErrors() async throws {
    try await SandboxHarness.run { harness in
      for (body, reason) in [
        (#"{"trymatch":5,"menu":1}"#, #"no quota named \"menu\""#),
        (#"{"trymatch":"5"}"#, #"\"trymatch\" must be a whole number of calls from 0 up"#),
        (#"{"trymatch":1.5}"#, "must be a whole number"),
        (#"{"delconditional":-1}"#, "must be a whole number"),
        ("[1]", "the body must be an object"),
        ("not json", "not JSON"),
      ] {
        let refused = try await harness.raw("POST", "/sandbox/quota", body: body)
        #expect(refused.status == 400, "\(body)")
        #expect(refused.body.contains(reason), "\(body): \(refused.body)")
      }
      let unknownApp = try await harness.raw("GET", "/sandbox/quota?appid=wxnone")
      #expect(unknownApp.status == 400)
      #expect(unknownApp.body.contains(#"the sandbox knows no app \"wxnone\""#))
      // The first refused body named a valid key too; it was not applied.
      let shown = try JSONParser.parse(
        Array(try await harness.raw("GET", "/sandbox/quota").body.utf8))
      #expect(shown["quota"]?["trymatch"]?["used"] == .number(0))
      let listed = try await harness.raw("GET", "/sandbox/")
      #expect(listed.body.contains("GET /sandbox/quota?appid=APPID"))
      #expect(listed.body.contains("POST /sandbox/quota?appid=APPID"))
      #expect(listed.body.contains("POST /sandbox/legacy-conditional-menu?appid=APPID"))
    }
  }

  // MARK: - Conditional menus from before the privacy change

  @Test("a seeded legacy menu is listed with its fields, never matched, and gone after reset")
  func legacyConditionalMenu() async throws {
    try await SandboxHarness.run { harness in
      let legacyRule =
        #""tag_id":"7","sex":"1","country":"中国","province":"广东","city":"广州","language":"zh_CN""#
      let legacy = Bodies.conditional(legacyRule, key: "LEGACY")
      let early = try await harness.raw("POST", "/sandbox/legacy-conditional-menu", body: legacy)
      #expect(early.status == 400)
      #expect(early.body.contains(#"app \"wxsandbox\" has no default menu"#))

      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      // An active menu for tag 7, older than the legacy one.
      #expect(
        try await wechat.post("addconditional", Bodies.conditional(#""tag_id":"7""#, key: "TAG7"))
          == #"{"menuid":"208396939"}"#)
      let seeded = try await harness.raw(
        "POST", "/sandbox/legacy-conditional-menu?appid=wxsandbox", body: legacy)
      #expect(seeded.status == 200)
      let answer = try JSONParser.parse(Array(seeded.body.utf8))
      #expect(answer["ok"] == .bool(true))
      #expect(answer["menuid"] == .string("208396940"))
      // The same body through the API today is refused.
      #expect(try await wechat.post("addconditional", legacy) == Bodies.privacyRefusal)

      // menu/get lists it with every field of its rule (sex as a number, as WeChat writes it).
      guard case .array(let listed)? = try await wechat.menuGet()["conditionalmenu"] else {
        Issue.record("menu/get lists no conditional menus")
        return
      }
      #expect(listed.count == 2)
      #expect(listed.last?["menuid"] == .number(208_396_940))
      #expect(
        listed.last?["matchrule"]
          == .object([
            JSONMember("tag_id", .string("7")), JSONMember("sex", .number(1)),
            JSONMember("country", .string("中国")), JSONMember("province", .string("广东")),
            JSONMember("city", .string("广州")), JSONMember("language", .string("zh_CN")),
          ]))

      // A user the legacy rule describes sees the older tag-7 menu; without the tag, the default.
      for (user, attributes) in [
        ("u-tagged", legacyRule), ("u-untagged", #""sex":"1","country":"中国""#),
      ] {
        let added = try await harness.raw(
          "POST", "/sandbox/users", body: #"{"user_id":"\#(user)",\#(attributes)}"#)
        #expect(added.status == 200)
      }
      #expect(
        try await wechat.post("trymatch", #"{"user_id":"u-tagged"}"#)
          == #"{"button":[{"type":"click","name":"c","key":"TAG7","sub_button":[]}]}"#)
      #expect(
        try await wechat.post("trymatch", #"{"user_id":"u-untagged"}"#)
          == #"{"button":[{"type":"click","name":"default","key":"DEFAULT","sub_button":[]}]}"#)

      #expect(try await harness.raw("POST", "/sandbox/reset").status == 200)
      let fresh = try await RawWeChat.connect(harness)
      _ = try await fresh.post("create", Bodies.defaultMenu)
      #expect(try await fresh.menuGet()["conditionalmenu"] == nil)
    }
  }

  @Test("a legacy seed must still be a menu addconditional would have taken, sent with POST")
  func legacySeedErrors() async throws {
    try await SandboxHarness.run { harness in
      let wechat = try await RawWeChat.connect(harness)
      _ = try await wechat.post("create", Bodies.defaultMenu)
      let path = "/sandbox/legacy-conditional-menu"
      let fourButtons =
        #"{"button":[{"type":"click","name":"a","key":"a"},{"type":"click","name":"b","key":"b"},"#
        + #"{"type":"click","name":"c","key":"c"},{"type":"click","name":"d","key":"d"}],"#
        + #""matchrule":{"sex":"1"}}"#
      for (method, body, reason) in [
        ("POST", "{\"button\":[", "the body is not an addconditional body"),
        ("POST", Bodies.defaultMenu, #"the body needs a non-empty \"matchrule\" (65304)"#),
        ("POST", fourButtons, #"errcode 40016 \"invalid button size\""#),
        ("GET", Bodies.conditional(#""sex":"1""#), "use POST"),
      ] {
        let refused = try await harness.raw(method, path, body: method == "POST" ? body : nil)
        #expect(refused.status == 400, "\(body)")
        #expect(refused.body.contains(reason), "\(body): \(refused.body)")
      }
      #expect(try await wechat.menuGet()["conditionalmenu"] == nil)
    }
  }
}
