import MenuVault
import Testing

@testable import MenuVaultCore

@Suite("normalization of every response shape")
struct NormalizerTests {
  func normalize(_ fixture: String, platform: Platform = .wechat) throws -> NormalizedMenu {
    try Normalizer.normalize(TestFixtures.bytes("api/\(fixture)"), platform: platform)
  }

  @Test("the same menu as create payload, menu/get and API-set selfmenu hashes identically")
  func sameMenuThreeShapes() throws {
    let create = try normalize("sample-create.json")
    let get = try normalize("sample-menu-get.json")
    let selfmenu = try normalize("selfmenu-api.json")
    #expect(create.shape == .create)
    #expect(get.shape == .menuGet)
    #expect(selfmenu.shape == .selfmenu)
    #expect(create.contentHash == get.contentHash)
    #expect(create.contentHash == selfmenu.contentHash)
    #expect(create.canonicalBytes == get.canonicalBytes)
    #expect(get.metadata.defaultMenuID == "208396938")
    #expect(selfmenu.metadata.isMenuOpen == true)
    #expect(create.fidelity == .exact)
    #expect(
      CanonicalJSON.string(create.document)
        == #"{"button":[{"key":"V1001_TODAY_MUSIC","name":"今日歌曲","type":"click"},"#
        + #"{"name":"菜单","sub_button":[{"name":"搜索","type":"view","url":"http://www.soso.com/"},"#
        + #"{"name":"视频","type":"view","url":"http://v.qq.com/"},"#
        + #"{"key":"V1001_GOOD","name":"赞一下我们","type":"click"}]}]}"#)
  }

  @Test("two website selfmenu fetches differing only in temporary media ids hash identically")
  func temporaryMediaDoesNotEnterTheHash() throws {
    let first = try normalize("selfmenu-website.json")
    let second = try normalize("selfmenu-website-refetch.json")
    #expect(first.contentHash == second.contentHash)
    #expect(first.canonicalBytes == second.canonicalBytes)
    let canonical = CanonicalJSON.string(first.document)
    #expect(!canonical.contains("nTXe3agh"))
    #expect(!canonical.contains("vweixinp"))
  }

  @Test("website types convert with the documented fidelity per button path")
  func websiteConversions() throws {
    let menu = try normalize("selfmenu-website.json")
    let byPath = Dictionary(uniqueKeysWithValues: menu.notes.map { ($0.path, $0) })
    #expect(byPath["button[0].sub_button[0]"] == nil)  // view passes through exactly
    #expect(byPath["button[0].sub_button[1]"]?.fidelity == .converted)
    #expect(byPath["button[0].sub_button[2]"]?.fidelity == .unpublishable)
    #expect(byPath["button[0].sub_button[3]"]?.fidelity == .unpublishable)
    #expect(byPath["button[1]"]?.fidelity == .lossy)
    #expect(byPath["button[2]"]?.fidelity == .unpublishable)
    #expect(menu.fidelity == .unpublishable)
    #expect(menu.notes.count == 5)

    let news = menu.menuSet.defaultMenu.buttons[0].subButtons[1]
    #expect(news.kind == .mediaId)
    #expect(news[.mediaID] == "KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o")
    let video = menu.menuSet.defaultMenu.buttons[0].subButtons[2]
    #expect(video == Button(name: "video", type: "video", isUnpublishable: true))
    let text = menu.menuSet.defaultMenu.buttons[1]
    #expect(text.kind == .click)
    #expect(text[.key] == WebsiteButtonConversion.clickKey(forText: "This is text!"))
    #expect(
      menu.textReplies == [
        TextReply(key: text[.key] ?? "", text: "This is text!", path: "button[1]")
      ])
  }

  @Test("text keys are deterministic, distinct per text and at most 128 bytes")
  func textKeys() {
    let key = WebsiteButtonConversion.clickKey(forText: "This is text!")
    #expect(key == WebsiteButtonConversion.clickKey(forText: "This is text!"))
    #expect(key != WebsiteButtonConversion.clickKey(forText: "This is text?"))
    #expect(key.hasPrefix("mv_text_"))
    #expect(key.utf8.count == 32)
    let long = WebsiteButtonConversion.clickKey(forText: String(repeating: "长", count: 10_000))
    #expect(long.utf8.count <= 128)
  }

  @Test("news without a media id becomes a lossy view of its first article")
  func oldNewsBecomesView() throws {
    let menu = try normalize("selfmenu-website-news-without-value.json")
    let news = menu.menuSet.defaultMenu.buttons[0].subButtons[1]
    #expect(news.kind == .view)
    #expect(
      news[.url]?.hasPrefix("http://mp.weixin.qq.com/s?__biz=MjM5ODUwNTM3Ng==&mid=204013432&idx=1")
        == true)
    #expect(menu.notes.first { $0.path == "button[0].sub_button[1]" }?.fidelity == .lossy)
  }

  @Test("menu/get with conditional menus: menuids are metadata, match rule values become strings")
  func conditionalMenuGet() throws {
    let menu = try normalize("wechat-get-conditional.json")
    #expect(menu.metadata.defaultMenuID == "208396938")
    #expect(menu.metadata.conditionalMenuIDs == ["208396993"])
    #expect(menu.menuSet.conditionalMenus.count == 1)
    #expect(menu.menuSet.conditionalMenus[0].matchRule == MatchRule([.groupID: "2", .sex: "1"]))
    let canonical = CanonicalJSON.string(menu.document)
    #expect(!canonical.contains("menuid"))
    #expect(!canonical.contains("sub_button"))
    #expect(canonical.contains(#""matchrule":{"group_id":"2","sex":"1"}"#))
  }

  @Test("a conditional create payload equals the same conditional menu from menu/get")
  func conditionalCreatePayload() throws {
    let payload = Array(
      #"{"button":[{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC"}],"matchrule":{"group_id":"2","sex":"1"}}"#
        .utf8)
    let menu = try Normalizer.normalize(payload)
    #expect(menu.menuSet.defaultMenu.buttons.isEmpty)
    let fromGet = try normalize("wechat-get-conditional.json")
    #expect(menu.menuSet.conditionalMenus == fromGet.menuSet.conditionalMenus)
  }

  @Test(
    "normalizing a normalized document changes nothing",
    arguments: [
      "sample-create.json", "sample-menu-get.json", "selfmenu-api.json", "selfmenu-website.json",
      "selfmenu-website-news-without-value.json", "wechat-get-conditional.json",
      "wechat-get-default.json", "wechat-create-click-view.json", "wechat-create-other-types.json",
      "weibo-create.json",
    ])
  func idempotent(fixture: String) throws {
    let once = try normalize(fixture)
    let twice = try Normalizer.normalize(once.canonicalBytes)
    #expect(twice.contentHash == once.contentHash)
    #expect(twice.canonicalBytes == once.canonicalBytes)
  }

  @Test("a Weibo show response reads like its create payload")
  func weiboShow() throws {
    let show = try normalize("weibo-show.json", platform: .weibo)
    let create = try normalize("weibo-create.json", platform: .weibo)
    #expect(show.shape == .weiboShow)
    #expect(show.contentHash == create.contentHash)
    #expect(show.menuSet.defaultMenu.buttons[2].subButtons.count == 3)
  }

  @Test("API-set types in selfmenu take their action from value when the field is missing")
  func selfmenuValueFallback() throws {
    let bytes = Array(
      #"{"is_menu_open":1,"selfmenu_info":{"button":[{"type":"click","name":"a","value":"K1"}]}}"#
        .utf8)
    let menu = try Normalizer.normalize(bytes)
    #expect(menu.menuSet.defaultMenu.buttons[0] == .leaf("a", .click, [.key: "K1"]))
    #expect(menu.fidelity == .exact)
  }

  @Test("an unknown type is kept as an unpublishable entry, never dropped")
  func unknownTypeKept() throws {
    let bytes = Array(#"{"button":[{"type":"hologram","name":"future","key":"x"}]}"#.utf8)
    let menu = try Normalizer.normalize(bytes)
    #expect(
      menu.menuSet.defaultMenu.buttons == [
        Button(name: "future", type: "hologram", isUnpublishable: true)
      ])
    #expect(
      CanonicalJSON.string(menu.document)
        == #"{"button":[{"name":"future","type":"hologram","unpublishable":true}]}"#)
    #expect(menu.notes.map(\.fidelity) == [.unpublishable])
  }

  @Test("is_menu_open is metadata: an open and a closed menu hash the same")
  func menuOpenIsMetadata() throws {
    let open = Array(
      #"{"is_menu_open":1,"selfmenu_info":{"button":[{"type":"view","name":"a","url":"u"}]}}"#.utf8)
    let closed = Array(
      #"{"is_menu_open":0,"selfmenu_info":{"button":[{"type":"view","name":"a","url":"u"}]}}"#.utf8)
    let first = try Normalizer.normalize(open)
    let second = try Normalizer.normalize(closed)
    #expect(first.contentHash == second.contentHash)
    #expect(second.metadata.isMenuOpen == false)
  }

  @Test("empty strings and empty arrays are dropped; a parent's type is not content")
  func emptiesDropped() throws {
    let noisy = Array(
      #"{"button":[{"type":"click","name":"a","key":"k","url":"","sub_button":[]},{"type":"click","name":"p","sub_button":[{"type":"view","name":"v","url":"u","media_id":""}]}],"conditionalmenu":[]}"#
        .utf8)
    let clean = Array(
      #"{"button":[{"type":"click","name":"a","key":"k"},{"name":"p","sub_button":[{"type":"view","name":"v","url":"u"}]}]}"#
        .utf8)
    #expect(try Normalizer.normalize(noisy).contentHash == Normalizer.normalize(clean).contentHash)
  }

  @Test("errors name the field path and what was expected")
  func wrongTypes() {
    let cases: [(String, NormalizeError)] = [
      (
        #"{"button":[{"name":3}]}"#,
        .wrongType(path: "button[0].name", expected: "a string", found: "a number")
      ),
      (#"{"button":{}}"#, .wrongType(path: "button", expected: "an array", found: "an object")),
      (#"[1]"#, .wrongType(path: "top level", expected: "an object", found: "an array")),
      (
        #"{"menu":{"button":[{"name":"a","sub_button":"x"}]}}"#,
        .wrongType(
          path: "menu.button[0].sub_button", expected: "an array or an object with \"list\"",
          found: "a string")
      ),
      (#"{"foo":1}"#, .unknownShape(keys: ["foo"])),
      (
        #"{"errcode":46003,"errmsg":"menu no exist"}"#,
        .apiError(code: 46003, message: "menu no exist")
      ),
      (
        #"{"button":[],"matchrule":{"sex":true}}"#,
        .wrongType(path: "matchrule.sex", expected: "a string or a number", found: "a boolean")
      ),
    ]
    for (input, expected) in cases {
      #expect(throws: expected) { try Normalizer.normalize(Array(input.utf8)) }
    }
  }

  @Test("invalid JSON reports the parser's byte offset")
  func invalidJSON() throws {
    let truncated = try TestFixtures.bytes("api/selfmenu-api-as-documented-truncated.json")
    do {
      _ = try Normalizer.normalize(truncated)
      Issue.record("the truncated documented example must be refused")
    } catch {
      guard case .invalidJSON(let parseError) = error else {
        Issue.record("expected invalidJSON, got \(error)")
        return
      }
      #expect(parseError.offset == truncated.count)
    }
  }

  @Test("--shape overrides detection: a menu/get document read as Weibo show")
  func shapeOverride() throws {
    let menu = try Normalizer.normalize(
      TestFixtures.bytes("api/sample-menu-get.json"), shape: .weiboShow)
    #expect(menu.shape == .weiboShow)
    #expect(throws: NormalizeError.self) {
      try Normalizer.normalize(TestFixtures.bytes("api/sample-create.json"), shape: .selfmenu)
    }
  }

  @Test("no menu, worked out once, is the empty document normalized, on either platform")
  func noMenu() throws {
    for platform in Platform.allCases {
      let once = try Normalizer.noMenu(platform: platform)
      #expect(once == (try Normalizer.normalize(Array("{}".utf8), platform: platform)))
      #expect(once.menuSet.defaultMenu.buttons.isEmpty && once.menuSet.conditionalMenus.isEmpty)
    }
  }
}
