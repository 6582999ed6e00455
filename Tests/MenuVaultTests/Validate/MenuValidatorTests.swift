import MenuVault
import Testing

@Suite("validation per platform")
struct MenuValidatorTests {
  func findings(_ json: String, platform: Platform = .wechat) throws -> [ValidationFinding] {
    let menu = try Normalizer.normalize(Array(json.utf8), platform: platform)
    return MenuValidator(platform: platform).findings(in: menu.readMenuSet)
  }

  func menu(
    topName: String = "a", subName: String = "b", key: String = "k", url: String = "http://x/"
  )
    -> String
  {
    #"{"button":[{"type":"click","name":"\#(topName)","key":"\#(key)"},"#
      + #"{"name":"p","sub_button":[{"type":"view","name":"\#(subName)","url":"\#(url)"}]}]}"#
  }

  @Test("the documented examples are publishable, except 5.2: 7 top-level buttons, 24-byte names")
  func documentedExamples() throws {
    for fixture in ["wechat-create-click-view.json", "sample-create.json", "selfmenu-api.json"] {
      let menu = try Normalizer.normalize(TestFixtures.bytes("api/\(fixture)"))
      #expect(MenuValidator(platform: .wechat).findings(in: menu.readMenuSet) == [], "\(fixture)")
    }
    let other = try Normalizer.normalize(TestFixtures.bytes("api/wechat-create-other-types.json"))
    let found = MenuValidator(platform: .wechat).findings(in: other.readMenuSet)
    #expect(found.map(\.rule) == [.buttonCount, .nameLength, .nameLength])
    #expect(found.map(\.path) == ["button", "button[5].name", "button[6].name"])
    #expect(found.first?.actual == "7")
    #expect(found.first?.wechatErrorCode == 40016)
    #expect(found.last?.actual == "24 bytes")
  }

  @Test("names at the byte limit pass and one byte over fails, in CJK and emoji")
  func nameLimits() throws {
    // 16 bytes: 5 CJK (15) + 1 ASCII; 17 bytes: 4 CJK + 1 emoji (4) + 1 ASCII.
    #expect(try findings(menu(topName: "今日歌曲好a")) == [])
    let over = try findings(menu(topName: "今日歌曲😀a"))
    #expect(over.map(\.path) == ["button[0].name"])
    #expect(over.first?.limit == "16 bytes")
    #expect(over.first?.actual == "17 bytes")
    #expect(over.first?.wechatErrorCode == 40018)
    // Sub-buttons: 60 bytes = 15 emoji; 61 = 15 emoji + "a".
    let sixty = String(repeating: "😀", count: 15)
    #expect(try findings(menu(subName: sixty)) == [])
    let subOver = try findings(menu(subName: sixty + "a"))
    #expect(subOver.map(\.path) == ["button[1].sub_button[0].name"])
    #expect(subOver.first?.wechatErrorCode == 40025)
  }

  @Test("Weibo's own documented example breaks its 16-byte top-level name limit")
  func weiboDocumentedExample() throws {
    let menu = try Normalizer.normalize(
      TestFixtures.bytes("api/weibo-create.json"), platform: .weibo)
    let found = MenuValidator(platform: .weibo).findings(in: menu.readMenuSet)
    #expect(
      found.map(\.line) == [
        "button[1].name: name-length: the name is too long for a top-level button (limit 16 bytes, actual 18 bytes)"
      ])
  }

  @Test(
    "Weibo limits: sub-button names 40 bytes, urls 256, click and view only, no conditional menus")
  func weiboLimits() throws {
    let forty = String(repeating: "菜", count: 13) + "a"  // 40 bytes
    #expect(try findings(menu(subName: forty), platform: .weibo) == [])
    #expect(try findings(menu(subName: forty + "b"), platform: .weibo).map(\.rule) == [.nameLength])
    let url256 = "http://x/" + String(repeating: "a", count: 247)
    #expect(try findings(menu(url: url256), platform: .weibo) == [])
    #expect(try findings(menu(url: url256 + "a"), platform: .weibo).map(\.rule) == [.urlLength])
    #expect(try findings(menu(url: url256 + "a"), platform: .wechat) == [])
    let scan = #"{"button":[{"type":"scancode_push","name":"s","key":"k"}]}"#
    let typeFinding = try findings(scan, platform: .weibo)
    #expect(typeFinding.map(\.rule) == [.typeNotSupported])
    #expect(typeFinding.first?.path == "button[0].type")
    let conditional =
      #"{"button":[{"type":"click","name":"a","key":"k"}],"conditionalmenu":[{"button":[{"type":"click","name":"a","key":"k"}],"matchrule":{"sex":"1"}}]}"#
    #expect(try findings(conditional, platform: .weibo).map(\.rule) == [.conditionalNotSupported])
  }

  @Test("keys at 128 bytes pass and 129 fail; urls at 1024 pass and 1025 fail")
  func keyAndURLLimits() throws {
    #expect(try findings(menu(key: String(repeating: "k", count: 128))) == [])
    let key = try findings(menu(key: String(repeating: "k", count: 129)))
    #expect(key.map(\.rule) == [.keyLength])
    #expect(key.first?.wechatErrorCode == 40019)
    let url = "http://x/" + String(repeating: "u", count: 1015)
    #expect(try findings(menu(url: url)) == [])
    let long = try findings(menu(url: url + "u"))
    #expect(long.map(\.rule) == [.urlLength])
    #expect(long.first?.wechatErrorCode == 40027)
  }

  @Test("button counts: 4 top-level and 6 sub-buttons are refused, an empty menu too")
  func counts() throws {
    let leaf = #"{"type":"click","name":"a","key":"k"}"#
    let four = #"{"button":[\#(leaf),\#(leaf),\#(leaf),\#(leaf)]}"#
    #expect(try findings(four).map(\.rule) == [.buttonCount])
    let six =
      #"{"button":[{"name":"p","sub_button":[\#(Array(repeating: leaf, count: 6).joined(separator: ","))]}]}"#
    let found = try findings(six)
    #expect(found.map(\.path) == ["button[0].sub_button"])
    #expect(found.first?.actual == "6")
    #expect(try findings(#"{"button":[]}"#).map(\.rule) == [.buttonCount])
  }

  @Test("required fields per type, no action on a parent, a type on every leaf")
  func requiredFields() throws {
    let json =
      #"{"button":[{"type":"click","name":"a"},{"type":"miniprogram","name":"m","url":"http://x/"},"#
      + #"{"type":"click","name":"p","key":"k","sub_button":[{"name":"x"}]}]}"#
    let found = try findings(json)
    #expect(
      found.map(\.path) == [
        "button[0].key", "button[1].appid", "button[1].pagepath", "button[2]",
        "button[2].sub_button[0].type",
      ])
    #expect(
      found.map(\.rule) == [
        .fieldRequired, .fieldRequired, .fieldRequired, .actionOnParent, .typeRequired,
      ])
  }

  @Test("unpublishable entries and empty match rules are findings")
  func unpublishableAndMatchRule() throws {
    let website = try Normalizer.normalize(TestFixtures.bytes("api/selfmenu-website.json"))
    let found = MenuValidator(platform: .wechat).findings(in: website.readMenuSet)
    #expect(
      found.filter { $0.rule == .unpublishable }.map(\.path) == [
        "button[0].sub_button[2]", "button[0].sub_button[3]", "button[2]",
      ])
    let empty =
      #"{"button":[{"type":"click","name":"a","key":"k"}],"conditionalmenu":[{"button":[{"type":"click","name":"a","key":"k"}],"matchrule":{}}]}"#
    let rule = try findings(empty)
    #expect(rule.map(\.path) == ["conditionalmenu[0].matchrule"])
    #expect(rule.first?.wechatErrorCode == 65304)
  }

  @Test("a finding's line names the path, the rule, the limit and the actual value")
  func findingLine() throws {
    let over = try findings(menu(topName: "今日歌曲😀a"))
    #expect(
      over.first?.line
        == "button[0].name: name-length: the name is too long for a top-level button (limit 16 bytes, actual 17 bytes)"
    )
  }
}
