import MenuVault
import Testing

/// WeChat's conditional-menu rules in force today (NOTES.md, last section): privacy fields,
/// at most 3 link domains over all conditional menus, types the current page lists.
@Suite("validation: today's conditional-menu rules")
struct ConditionalRulesTests {
  static let privacyFields: [MatchRule.Field] = [.sex, .country, .province, .city, .language]

  func set(_ conditional: [Menu]) -> MenuSet {
    MenuSet(defaultMenu: TestMenus.basic, conditionalMenus: conditional)
  }

  func menu(rule: MatchRule, buttons: [Button] = [.leaf("a", .click, [.key: "A"])]) -> Menu {
    Menu(buttons: buttons, matchRule: rule)
  }

  func link(_ name: String, _ url: String) -> Button { .leaf(name, .view, [.url: url]) }

  @Test(
    "a privacy field alone is refused with 65320, naming the path and saying to use a tag",
    arguments: privacyFields)
  func privacyFieldAlone(field: MatchRule.Field) {
    let found = MenuValidator(platform: .wechat).findings(
      in: set([TestMenus.conditional(tag: "1"), menu(rule: MatchRule([field: "1"]))]))
    #expect(found.map(\.path) == ["conditionalmenu[1].matchrule.\(field.rawValue)"])
    #expect(found.map(\.rule) == [.privacyMatchField])
    #expect(found.first?.wechatErrorCode == 65320)
    #expect(found.first?.isRefusal == true)
    #expect(found.first?.message.contains("match on tag_id") == true)
  }

  @Test("a privacy field beside tag_id is refused all the same", arguments: privacyFields)
  func privacyFieldBesideTag(field: MatchRule.Field) {
    let found = MenuValidator(platform: .wechat).refusals(
      in: set([menu(rule: MatchRule([.tagID: "2", field: "x"]))]))
    #expect(found.map(\.path) == ["conditionalmenu[0].matchrule.\(field.rawValue)"])
    #expect(found.map(\.wechatErrorCode) == [65320])
  }

  @Test("tag_id, client_platform_type and the older group_id pass")
  func allowedFields() {
    let rules: [MatchRule] = [
      MatchRule([.tagID: "2"]), MatchRule([.clientPlatformType: "1"]),
      MatchRule([.groupID: "3"]), MatchRule([.tagID: "2", .clientPlatformType: "2"]),
    ]
    for rule in rules {
      #expect(MenuValidator(platform: .wechat).findings(in: set([menu(rule: rule)])) == [])
    }
  }

  @Test("3 link domains over all conditional menus pass; a 4th is refused with 65316, listed")
  func linkDomains() {
    let three = set([
      menu(
        rule: MatchRule([.tagID: "1"]),
        buttons: [link("a", "https://a.example.com/x"), link("b", "http://B.example.com:8080/")]),
      menu(
        rule: MatchRule([.tagID: "2"]),
        buttons: [link("c", "https://c.example.com"), link("a2", "https://a.example.com/y")]),
    ])
    #expect(MenuValidator(platform: .wechat).findings(in: three) == [])
    var four = three
    four.conditionalMenus[1].buttons.append(
      .parent("p", [link("d", "https://d.example.com/?q=1")]))
    let found = MenuValidator(platform: .wechat).findings(in: four)
    #expect(found.map(\.rule) == [.linkDomains])
    #expect(found.first?.wechatErrorCode == 65316)
    #expect(found.first?.limit == "3 domains")
    #expect(found.first?.actual == "4 domains")
    #expect(
      found.first?.message
        == "all conditional menus together may link to at most 3 domains; they link to "
        + "a.example.com (conditionalmenu[0].button[0].url, conditionalmenu[1].button[1].url), "
        + "b.example.com (conditionalmenu[0].button[1].url), "
        + "c.example.com (conditionalmenu[1].button[0].url), "
        + "d.example.com (conditionalmenu[1].button[2].sub_button[0].url) (errcode 65316): "
        + "move links onto fewer domains")
  }

  @Test("links in the default menu do not count towards the conditional menus' 3 domains")
  func defaultMenuLinksDoNotCount() {
    var menuSet = set([
      menu(
        rule: MatchRule([.tagID: "1"]),
        buttons: [
          link("a", "https://a.test/"), link("b", "https://b.test/"), link("c", "https://c.test/"),
        ])
    ])
    menuSet.defaultMenu.buttons.append(link("d", "https://d.test/"))
    #expect(MenuValidator(platform: .wechat).findings(in: menuSet) == [])
  }

  @Test("miniprogram and view_limited in a conditional menu warn, in the default menu they do not")
  func unlistedTypesWarn() {
    let mini = Button.leaf(
      "小程序", .miniprogram, [.url: "https://a.test/", .appID: "wx1", .pagePath: "pages/index"])
    let limited = Button.leaf("图文", .viewLimited, [.mediaID: "MEDIA"])
    var menuSet = set([
      menu(rule: MatchRule([.tagID: "1"]), buttons: [mini, .parent("p", [limited])])
    ])
    menuSet.defaultMenu.buttons.append(mini)
    let found = MenuValidator(platform: .wechat).findings(in: menuSet)
    #expect(
      found.map(\.path) == [
        "conditionalmenu[0].button[0].type", "conditionalmenu[0].button[1].sub_button[0].type",
      ])
    #expect(found.allSatisfy { $0.severity == .warning && $0.rule == .conditionalTypeUnlisted })
    #expect(MenuValidator(platform: .wechat).refusals(in: menuSet) == [])
    #expect(found.first?.line.contains("warning: conditional-type-unlisted") == true)
  }

  @Test("domains are hosts, lowercased, without port, user or path")
  func domainOfURL() {
    #expect(LinkDomains.domain(of: "https://Shop.Example.com:8443/a?b#c") == "shop.example.com")
    #expect(LinkDomains.domain(of: "http://user:pw@host.test/") == "host.test")
    #expect(LinkDomains.domain(of: "http://[::1]:80/x") == "[::1]")
    #expect(LinkDomains.domain(of: "not a url") == nil)
    #expect(LinkDomains.domain(of: "shop.example.com/go?to=https://evil.test/") == nil)
    #expect(LinkDomains.domain(of: "https://a.test./x") == "a.test")
    #expect(LinkDomains.domain(of: "//cdn.test/a") == nil)
    #expect(LinkDomains.domain(of: "https://a.test?x=https://b.test/") == "a.test")
  }

  @Test("skipping inactive menus keeps the other menus' paths, and their domains alone count")
  func skippingInactiveKeepsPaths() {
    let menuSet = set([
      menu(rule: MatchRule([.tagID: "1"]), buttons: [link("a", "https://a.test/")]),
      menu(
        rule: MatchRule([.sex: "1"]),
        buttons: [link("b", "https://b.test/"), link("c", "https://c.test/")]),
      menu(
        rule: MatchRule([.tagID: "2"]),
        buttons: [
          link("d", "https://d.test/"),
          .leaf(String(repeating: "长", count: 6), .click, [.key: "K"]),
        ]),
    ])
    let validator = MenuValidator(platform: .wechat)
    #expect(validator.refusals(in: menuSet).map(\.rule).contains(.linkDomains))
    let skipping = validator.findings(in: menuSet, skippingInactive: true)
    #expect(skipping.map(\.path) == ["conditionalmenu[2].button[1].name"])
  }

  @Test("a set's inactive conditional menus name the retired fields; activeOnly keeps the order")
  func inactiveMenus() {
    let menuSet = set([
      TestMenus.conditional(tag: "1"),
      menu(rule: MatchRule([.sex: "1", .language: "zh_CN"])),
      TestMenus.conditional(tag: "2"),
      menu(rule: MatchRule([.tagID: "3", .city: "Guangzhou"])),
    ])
    let inactive = menuSet.inactiveConditionalMenus
    #expect(inactive.map(\.index) == [1, 3])
    #expect(inactive.map(\.fields) == [["sex", "language"], ["city"]])
    #expect(inactive.map(\.rule) == ["sex=1, language=zh_CN", "tag_id=3, city=Guangzhou"])
    #expect(
      menuSet.activeOnly.conditionalMenus.map { $0.matchRule?[.tagID] } == ["1", "2"])
  }
}
