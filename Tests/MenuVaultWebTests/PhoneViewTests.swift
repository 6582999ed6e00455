import Foundation
import MenuVault
import Testing

@testable import MenuVaultWeb

@Suite("the phone drawing")
struct PhoneViewTests {
  // MARK: - Names

  @Test(
    "names are cut the way the WeChat client cuts them",
    arguments: [
      // Top level: 4 CJK characters, 8 half-width ones.
      ("今日歌曲", MenuNameCut.topLevelWidth, "今日歌曲"),
      ("今日歌曲吧", MenuNameCut.topLevelWidth, "今日歌曲..."),
      ("今日歌曲推荐", MenuNameCut.topLevelWidth, "今日歌曲..."),
      ("Settings", MenuNameCut.topLevelWidth, "Settings"),
      ("Settings!", MenuNameCut.topLevelWidth, "Settings..."),
      ("AB今日歌", MenuNameCut.topLevelWidth, "AB今日歌"),
      ("AB今日歌曲", MenuNameCut.topLevelWidth, "AB今日歌..."),
      ("a今日歌曲", MenuNameCut.topLevelWidth, "a今日歌..."),
      ("今日歌曲a", MenuNameCut.topLevelWidth, "今日歌曲..."),
      ("ＡＢＣＤ", MenuNameCut.topLevelWidth, "ＡＢＣＤ"),
      ("ＡＢＣＤＥ", MenuNameCut.topLevelWidth, "ＡＢＣＤ..."),
      // Emoji are wide; a joined sequence or a flag is one character.
      ("🎵今日歌", MenuNameCut.topLevelWidth, "🎵今日歌"),
      ("🎵今日歌曲", MenuNameCut.topLevelWidth, "🎵今日歌..."),
      ("👨‍👩‍👧🇨🇳abcd", MenuNameCut.topLevelWidth, "👨‍👩‍👧🇨🇳abcd"),
      ("👨‍👩‍👧🇨🇳abcde", MenuNameCut.topLevelWidth, "👨‍👩‍👧🇨🇳abcd..."),
      ("❤️❤️❤️❤️❤️", MenuNameCut.topLevelWidth, "❤️❤️❤️❤️..."),
      // Sub-buttons: 7 CJK characters, 14 half-width ones.
      ("拍照或者相册发", MenuNameCut.subButtonWidth, "拍照或者相册发"),
      ("拍照或者相册发图", MenuNameCut.subButtonWidth, "拍照或者相册发..."),
      ("Online 4S shop", MenuNameCut.subButtonWidth, "Online 4S shop"),
      ("Online 4S shops", MenuNameCut.subButtonWidth, "Online 4S shop..."),
      ("", MenuNameCut.topLevelWidth, ""),
    ])
  func nameCut(name: String, width: Int, shown: String) {
    #expect(MenuNameCut.cut(name, maxWidth: width) == shown)
  }

  @Test("a cut name keeps the full name in its title, and the full name in data-name")
  func fullNameOnHover() throws {
    let html = try draw(
      MenuSet(
        defaultMenu: Menu(buttons: [
          .parent("今日歌曲推荐", [.leaf("拍照或者相册发图", .click, [.key: "photo"])])
        ])))
    #expect(
      html.contains(
        #"<span class="phone-name" title="今日歌曲推荐"><svg class="phone-parent-icon""#))
    #expect(html.contains("今日歌曲...</span>"))
    #expect(html.contains(#"<span class="phone-name" title="拍照或者相册发图">拍照或者相册发...</span>"#))
    #expect(tag(of: "button[0]", in: html)?.contains(#"data-name="今日歌曲推荐""#) == true)
    #expect(
      tag(of: "button[0].sub_button[0]", in: html)?.contains(#"data-name="拍照或者相册发图""#) == true)
  }

  // MARK: - Escaping

  @Test("the templates' escaping replaces the five characters and leaves the rest")
  func escapeFunction() {
    #expect(
      HTMLText.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
        == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
    #expect(HTMLText.escape("今日歌曲 🎵") == "今日歌曲 🎵")
    // A quote or a bracket followed by a combining mark is one Character, but the browser
    // reads the quote first: it is escaped all the same (mustache's own escaping missed it).
    #expect(HTMLText.escape("x\"\u{301} onclick=y") == "x&quot;\u{301} onclick=y")
    #expect(HTMLText.escape("<\u{338}b") == "&lt;\u{338}b")
  }

  @Test("a name with a quote and a combining mark stays inside its attribute")
  func combiningMarkAfterQuote() throws {
    let name = "a\"\u{301} onmouseover=alert(1) b=\"\u{301}"
    let html = try draw(
      MenuSet(defaultMenu: Menu(buttons: [.leaf(name, .click, [.key: "k"])])))
    #expect(html.contains(#"data-name="a&quot;\#u{301} onmouseover=alert(1) b=&quot;\#u{301}""#))
    let scalars = Array(html.unicodeScalars)
    #expect(!zip(scalars, scalars.dropFirst()).contains { $0 == "\"" && $1 == "\u{301}" })
  }

  @Test("every menu string is escaped: names, types, targets, rules and notes")
  func everyStringEscaped() throws {
    let attack = "<img src=x onerror=alert(1)>"
    let set = MenuSet(
      defaultMenu: Menu(buttons: [
        .leaf(attack, .view, [.url: #"https://example.com/?a=1&b="2"&c='3'<script>"#]),
        .parent(
          #"Tom & "Jerry""#,
          [.leaf(#"a"b&c"#, .click, [.key: "<b>key</b>"])]),
      ]),
      conditionalMenus: [
        Menu(buttons: [.leaf(attack, .click, [.key: "k"])], matchRule: MatchRule([.tagID: attack]))
      ])
    let html = try draw(set)
    #expect(!html.contains("<img"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>"))
    #expect(html.contains(#"data-name="&lt;img src=x onerror=alert(1)&gt;""#))
    #expect(html.contains(#"title="&lt;img src=x onerror=alert(1)&gt;""#))
    #expect(html.contains(#"data-name="Tom &amp; &quot;Jerry&quot;""#))
    #expect(html.contains(#"data-name="a&quot;b&amp;c""#))
    #expect(
      html.contains("https://example.com/?a=1&amp;b=&quot;2&quot;&amp;c=&#39;3&#39;&lt;script&gt;"))
    #expect(html.contains(#"data-rule="tag_id=&lt;img src=x onerror=alert(1)&gt;""#))
    #expect(html.contains(#"<span class="phone-tab-name">tag_id=&lt;img"#))
  }

  @Test("the fragment has no script, no inline style, no id and fetches nothing")
  func selfContained() throws {
    let html = try draw(Self.threeButtons)
    for forbidden in ["<script", "style=", " id=", "src=", "href=", "<img", "<link"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    for forbidden in ["url(", "@import", "http", "@font-face"] {
      #expect(!PhoneView.css.contains(forbidden), "\(forbidden)")
    }
  }

  // MARK: - Layout

  static let threeButtons = MenuSet(
    defaultMenu: Menu(buttons: [
      .parent(
        "菜单",
        [
          .leaf("搜索", .view, [.url: "http://www.soso.com/"]),
          .leaf("视频", .view, [.url: "http://v.qq.com/"]),
          .leaf("赞一下我们", .click, [.key: "V1001_GOOD"]),
          .leaf(
            "小程序", .miniprogram,
            [
              .url: "http://mp.weixin.qq.com", .appID: "wx286b93c14bbf93aa",
              .pagePath: "pages/lunar/index",
            ]),
          .leaf("图文", .mediaId, [.mediaID: "MEDIA_ID1"]),
        ]),
      .leaf("今日歌曲", .click, [.key: "V1001_TODAY_MUSIC"]),
      .parent(
        "更多",
        [
          .leaf("文章", .articleId, [.articleID: "ARTICLE_ID1"]),
          .leaf("扫码", .scancodePush, [.key: "rselfmenu_0_1"]),
        ]),
    ]))

  @Test(
    "WeChat's bar: the keyboard toggle, three equal buttons, each sub-menu open above its button")
  func wechatBar() throws {
    let html = try draw(Self.threeButtons)
    #expect(html.contains(#"<div class="phone phone-wechat" data-platform="wechat">"#))
    #expect(html.contains(#"<div class="phone-bar phone-bar-wechat" data-buttons="3">"#))
    #expect(occurrences(of: #"<span class="phone-keyboard""#, in: html) == 1)
    #expect(occurrences(of: "<svg class=\"phone-keyboard-icon\"", in: html) == 1)
    #expect(occurrences(of: " data-path=\"", in: html) == 10)
    #expect(occurrences(of: #"<div class="phone-button"#, in: html) == 3)
    #expect(occurrences(of: #"<li class="phone-sub-button"#, in: html) == 7)
    #expect(occurrences(of: #"<ul class="phone-submenu">"#, in: html) == 2)
    // The sub-menu comes before its face, in the same button element.
    let first = try #require(html.range(of: #"data-path="button[0]""#))
    let submenu = try #require(html.range(of: #"<ul class="phone-submenu">"#))
    let face = try #require(html.range(of: #"<div class="phone-face">"#))
    #expect(first.upperBound < submenu.lowerBound && submenu.upperBound < face.lowerBound)
    // Equal widths come from the stylesheet: every button column is 1fr.
    #expect(PhoneView.css.contains("grid-auto-columns: minmax(0, 1fr)"))
    // A single menu has no tabs.
    #expect(!html.contains("phone-tab"))
    #expect(html.contains(#"<section class="phone-menu" data-menu="default">"#))
  }

  @Test("each button shows its type and target in small print")
  func typesAndTargets() throws {
    let html = try draw(Self.threeButtons)
    #expect(
      html.contains(
        #"<small class="phone-type">view</small><dl class="phone-fields"><div><dt>url</dt><dd>http://www.soso.com/</dd></div></dl>"#
      ))
    #expect(html.contains("<dt>key</dt><dd>V1001_TODAY_MUSIC</dd>"))
    #expect(
      html.contains(
        "<dt>url</dt><dd>http://mp.weixin.qq.com</dd></div><div><dt>appid</dt><dd>wx286b93c14bbf93aa</dd></div><div><dt>pagepath</dt><dd>pages/lunar/index</dd>"
      ))
    #expect(html.contains("<dt>media_id</dt><dd>MEDIA_ID1</dd>"))
    #expect(html.contains("<dt>article_id</dt><dd>ARTICLE_ID1</dd>"))
    #expect(
      tag(of: "button[2].sub_button[1]", in: html)?.contains(#"data-type="scancode_push""#) == true)
    // A parent has no type.
    #expect(tag(of: "button[0]", in: html)?.contains("data-type") == false)
    #expect(tag(of: "button[0]", in: html)?.contains("phone-parent") == true)
  }

  @Test("a menu without buttons draws an empty bar")
  func emptyMenu() throws {
    let html = try draw(MenuSet(defaultMenu: Menu(buttons: [])))
    #expect(html.contains(#"data-buttons="0""#))
    #expect(html.contains(#"<span class="phone-bar-empty">no menu</span>"#))
    #expect(!html.contains("data-path"))
  }

  // MARK: - Fidelity

  @Test("a website-set menu shows a badge on every non-exact button and its note below")
  func websiteFidelity() throws {
    let bytes = try Self.fixture("api/selfmenu-website.json")
    let menu = try Normalizer.normalize(bytes)
    let html = try Self.html(menu, platform: .wechat)
    let expected: [(String, Fidelity)] = [
      ("button[0].sub_button[1]", .converted),  // news with a permanent id
      ("button[0].sub_button[2]", .unpublishable),  // video
      ("button[0].sub_button[3]", .unpublishable),  // voice
      ("button[1]", .lossy),  // text
      ("button[2]", .unpublishable),  // img
    ]
    #expect(menu.notes.map(\.path) == expected.map(\.0))
    for (path, fidelity) in expected {
      let opening = try #require(tag(of: path, in: html))
      #expect(opening.contains(#"data-fidelity="\#(fidelity.rawValue)""#), "\(path)")
      #expect(opening.contains("fidelity-\(fidelity.rawValue)"), "\(path)")
    }
    #expect(tag(of: "button[0].sub_button[0]", in: html)?.contains("data-fidelity") == false)
    #expect(occurrences(of: #"<span class="phone-badge badge-converted""#, in: html) == 2)
    #expect(occurrences(of: #"<span class="phone-badge badge-lossy""#, in: html) == 2)
    #expect(occurrences(of: #"<span class="phone-badge badge-unpublishable""#, in: html) == 6)
    #expect(occurrences(of: #"<li class="phone-note "#, in: html) == 5)
    for note in menu.notes {
      let detail = HTMLText.escape(note.detail)
      #expect(
        html.contains(
          #"<span class="phone-badge badge-\#(note.fidelity.rawValue)" title="\#(detail)">"#))
      #expect(html.contains(#"<span class="phone-note-detail">\#(detail)</span>"#))
      #expect(
        html.contains(
          #"<li class="phone-note fidelity-\#(note.fidelity.rawValue)" data-note-path="\#(note.path)""#
        ))
    }
    #expect(html.contains("text became click mv_text_"))
    #expect(html.contains("&quot;This is text!&quot;"))
  }

  // MARK: - Conditional menus

  @Test("the default menu and each conditional menu are tabs named by their rule; inactive marked")
  func conditionalTabs() throws {
    let set = MenuSet(
      defaultMenu: Menu(buttons: [.leaf("首页", .view, [.url: "https://example.com/"])]),
      conditionalMenus: [
        Menu(
          buttons: [.leaf("会员", .click, [.key: "vip"])],
          matchRule: MatchRule([.tagID: "2", .clientPlatformType: "1"])),
        Menu(
          buttons: [.leaf("男士", .click, [.key: "men"])],
          matchRule: MatchRule([.sex: "1", .tagID: "3"])),
      ])
    let html = try draw(set)
    #expect(html.contains(#"<div class="phone-menus phone-menus-tabbed">"#))
    #expect(html.contains(#"<section class="phone-menu" data-menu="default">"#))
    #expect(
      html.contains(
        #"<section class="phone-menu" data-menu="conditionalmenu[0]" data-rule="tag_id=2, client_platform_type=1">"#
      ))
    #expect(
      html.contains(
        #"<section class="phone-menu phone-menu-inactive" data-menu="conditionalmenu[1]" data-rule="tag_id=3, sex=1" data-inactive="sex">"#
      ))
    #expect(occurrences(of: #"<input class="phone-tab-input" type="radio""#, in: html) == 3)
    #expect(occurrences(of: " checked>", in: html) == 1)
    #expect(
      html.contains(#"value="default" checked><span class="phone-tab-name">default menu</span>"#))
    #expect(html.contains(#"<span class="phone-tab-name">tag_id=2, client_platform_type=1</span>"#))
    #expect(
      html.contains(
        #"<label class="phone-tab phone-tab-inactive">"#)
        && html.contains(
          #"<span class="phone-tab-name">tag_id=3, sex=1</span> <span class="phone-inactive-badge">inactive</span>"#
        ))
    #expect(html.contains("inactive: WeChat no longer matches users by sex"))
    #expect(tag(of: "conditionalmenu[0].button[0]", in: html)?.contains(#"data-name="会员""#) == true)
    #expect(tag(of: "conditionalmenu[1].button[0]", in: html)?.contains(#"data-name="男士""#) == true)
    // Every tab of one phone shares one radio group, and each panel its own bar.
    #expect(occurrences(of: #"name="phone-"#, in: html) == 3)
    #expect(occurrences(of: #"<div class="phone-bar phone-bar-wechat""#, in: html) == 3)
  }

  @Test("the two phones of a comparison get separate radio groups")
  func separateTabGroups() throws {
    let set = MenuSet(
      defaultMenu: Menu(buttons: [.leaf("a", .click, [.key: "a"])]),
      conditionalMenus: [
        Menu(buttons: [.leaf("b", .click, [.key: "b"])], matchRule: MatchRule([.tagID: "1"]))
      ])
    let menu = try Self.normalized(set)
    let diff = MenuDiff(from: set, to: set)
    let old = try Self.html(menu, platform: .wechat, marks: .old(diff))
    let new = try Self.html(menu, platform: .wechat, marks: .new(diff))
    let plain = try Self.html(menu, platform: .wechat)
    let groups = [old, new, plain].map { radioGroup(in: $0) }
    #expect(Set(groups).count == 3)
    #expect(groups.allSatisfy { $0?.hasPrefix("phone-") == true })
    #expect(try Self.html(menu, platform: .wechat) == plain)
  }

  // MARK: - Weibo

  @Test("a Weibo menu is drawn in Weibo's bar, without the keyboard toggle, names whole")
  func weiboLayout() throws {
    let bytes = try Self.fixture("api/weibo-show.json")
    let menu = try Normalizer.normalize(bytes, platform: .weibo)
    let html = try Self.html(menu, platform: .weibo)
    #expect(html.contains(#"<div class="phone phone-weibo" data-platform="weibo">"#))
    #expect(html.contains(#"<div class="phone-bar phone-bar-weibo" data-buttons=""#))
    #expect(!html.contains("phone-keyboard"))
    #expect(!html.contains("phone-bar-wechat"))
    let buttons = menu.menuSet.defaultMenu.buttons
    #expect(occurrences(of: #"<div class="phone-button"#, in: html) == buttons.count)
    for button in buttons {
      let name = try #require(button.name)
      #expect(html.contains(#"title="\#(HTMLText.escape(name))">"#))
    }
    let long = try draw(
      MenuSet(defaultMenu: Menu(buttons: [.leaf("查询客服电话", .click, [.key: "k"])])),
      platform: .weibo)
    #expect(long.contains(#"<span class="phone-name" title="查询客服电话">查询客服电话</span>"#))
    #expect(PhoneView.css.contains(".phone-bar-weibo"))
  }

  // MARK: - Comparison marks

  static let oldSet = MenuSet(
    defaultMenu: Menu(buttons: [
      .leaf("官网", .view, [.url: "https://a.example.com/"]),
      .parent(
        "服务",
        [
          .leaf("客服", .click, [.key: "service"]),
          .leaf("退订", .click, [.key: "unsubscribe"]),
        ]),
      .leaf("签到", .click, [.key: "checkin"]),
    ]),
    conditionalMenus: [
      Menu(buttons: [.leaf("iOS", .click, [.key: "ios"])], matchRule: MatchRule([.tagID: "1"])),
      Menu(
        buttons: [.leaf("会员", .view, [.url: "https://vip.example.com/"])],
        matchRule: MatchRule([.tagID: "2"])),
    ])

  static let newSet = MenuSet(
    defaultMenu: Menu(buttons: [
      .leaf("签到", .click, [.key: "checkin"]),
      .leaf("官网", .view, [.url: "https://b.example.com/"]),
      .parent(
        "服务",
        [
          .leaf("客服", .click, [.key: "service"]),
          .leaf("反馈", .click, [.key: "feedback"]),
        ]),
    ]),
    conditionalMenus: [
      Menu(
        buttons: [.leaf("会员", .view, [.url: "https://vip2.example.com/"])],
        matchRule: MatchRule([.tagID: "2"])),
      Menu(
        buttons: [.leaf("Android", .click, [.key: "android"])], matchRule: MatchRule([.tagID: "3"])),
    ])

  @Test("marks from a diff land on the old and new paths of each change")
  func marksFromDiff() {
    let diff = MenuDiff(from: Self.oldSet, to: Self.newSet)
    let old = PhoneMarks.old(diff)
    let new = PhoneMarks.new(diff)
    #expect(old.side == .old && new.side == .new)

    // 签到 moved button[2] -> button[0]; 官网 moved button[0] -> button[1] and its url changed;
    // 服务 moved button[1] -> button[2] with its children; 退订 removed, 反馈 added.
    #expect(old.kinds(at: "button[2]") == [.moved])
    #expect(old.counterpart(of: "button[2]") == "button[0]")
    #expect(old.kinds(at: "button[0]") == [.moved, .changed])
    #expect(old.changedFields(at: "button[0]") == ["url"])
    #expect(old.kinds(at: "button[1]") == [.moved])
    #expect(old.kinds(at: "button[1].sub_button[0]") == [.moved])
    #expect(old.kinds(at: "button[1].sub_button[1]") == [.removed])

    #expect(new.kinds(at: "button[0]") == [.moved])
    #expect(new.counterpart(of: "button[0]") == "button[2]")
    #expect(new.kinds(at: "button[1]") == [.moved, .changed])
    #expect(new.changedFields(at: "button[1]") == ["url"])
    #expect(new.kinds(at: "button[2]") == [.moved])
    #expect(new.kinds(at: "button[2].sub_button[0]") == [.moved])
    #expect(new.kinds(at: "button[2].sub_button[1]") == [.added])
    #expect(new.kinds(at: "button[1].sub_button[1]") == [])

    // tag_id=2 moved conditionalmenu[1] -> [0] and its url changed; tag_id=1 removed (old [0]);
    // tag_id=3 added (new [1]).
    #expect(old.kinds(at: "conditionalmenu[1]") == [.moved])
    #expect(old.counterpart(of: "conditionalmenu[1]") == "conditionalmenu[0]")
    #expect(old.kinds(at: "conditionalmenu[1].button[0]") == [.changed])
    #expect(old.kinds(at: "conditionalmenu[0]") == [.removed])
    #expect(old.kinds(at: "conditionalmenu[0].button[0]") == [])
    #expect(new.kinds(at: "conditionalmenu[0]") == [.moved])
    #expect(new.counterpart(of: "conditionalmenu[0]") == "conditionalmenu[1]")
    #expect(new.kinds(at: "conditionalmenu[0].button[0]") == [.changed])
    #expect(new.changedFields(at: "conditionalmenu[0].button[0]") == ["url"])
    #expect(new.kinds(at: "conditionalmenu[1]") == [.added])
    #expect(new.kinds(at: "conditionalmenu[0]").contains(.removed) == false)

    #expect(PhoneMarks().isEmpty && PhoneMarks().side == nil)
  }

  @Test("the drawn phones carry the marks as classes and data attributes")
  func marksDrawn() throws {
    let diff = MenuDiff(from: Self.oldSet, to: Self.newSet)
    let old = try Self.html(try Self.normalized(Self.oldSet), platform: .wechat, marks: .old(diff))
    let new = try Self.html(try Self.normalized(Self.newSet), platform: .wechat, marks: .new(diff))

    let removed = try #require(tag(of: "button[1].sub_button[1]", in: old))
    #expect(removed.contains(#"class="phone-sub-button mark-removed""#))
    #expect(removed.contains(#"data-mark="removed""#))
    let movedChanged = try #require(tag(of: "button[0]", in: old))
    #expect(movedChanged.contains(#"class="phone-button mark-moved mark-changed""#))
    #expect(movedChanged.contains(#"data-mark="moved changed" data-moved-to="button[1]""#))

    let added = try #require(tag(of: "button[2].sub_button[1]", in: new))
    #expect(added.contains(#"class="phone-sub-button mark-added""#))
    let movedTo = try #require(tag(of: "button[1]", in: new))
    #expect(movedTo.contains(#"data-mark="moved changed" data-moved-from="button[0]""#))
    #expect(
      new.contains(#"<div class="field-changed"><dt>url</dt><dd>https://b.example.com/</dd>"#))
    #expect(
      old.contains(#"<div class="field-changed"><dt>url</dt><dd>https://a.example.com/</dd>"#))
    #expect(!old.contains("mark-added"))
    #expect(!new.contains("mark-removed"))

    #expect(
      old.contains(
        #"<section class="phone-menu mark-removed" data-menu="conditionalmenu[0]" data-rule="tag_id=1" data-mark="removed">"#
      ))
    #expect(
      new.contains(
        #"<section class="phone-menu mark-added" data-menu="conditionalmenu[1]" data-rule="tag_id=3" data-mark="added">"#
      ))
    #expect(
      new.contains(
        #"data-menu="conditionalmenu[0]" data-rule="tag_id=2" data-mark="moved" data-moved-from="conditionalmenu[1]">"#
      ))
    // A tab whose menu holds a mark says so even while another tab is shown.
    #expect(occurrences(of: "phone-tab-marked", in: new) == 3)
    #expect(PhoneView.css.contains(".mark-added"))
  }

  // MARK: - Helpers

  /// `menu` drawn by the phone templates, as a page shows it.
  static func html(
    _ menu: NormalizedMenu, platform: Platform, marks: PhoneMarks = PhoneMarks()
  ) throws -> String {
    try Pages(vault: "test", allowPublish: false)
      .phone(PhoneView(menu, platform: platform, marks: marks))
  }

  /// The normalized form of `set`, as the vault would hand it over.
  static func normalized(_ set: MenuSet) throws -> NormalizedMenu {
    try Normalizer.normalize(document: set.document)
  }

  /// The bytes of a fixture of the MenuVaultTests target.
  static func fixture(_ path: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("MenuVaultTests/Fixtures")
    return [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
  }

  private func draw(_ set: MenuSet, platform: Platform = .wechat) throws -> String {
    try Self.html(try Self.normalized(set), platform: platform)
  }

  /// The opening tag of the element whose `data-path` is `path`.
  private func tag(of path: String, in html: String) -> String? {
    guard let attribute = html.range(of: #" data-path="\#(path)""#),
      let start = html[..<attribute.lowerBound].lastIndex(of: "<"),
      let end = html[attribute.upperBound...].firstIndex(of: ">")
    else { return nil }
    return String(html[start...end])
  }

  private func occurrences(of needle: String, in html: String) -> Int {
    html.components(separatedBy: needle).count - 1
  }

  private func radioGroup(in html: String) -> String? {
    guard let start = html.range(of: #"type="radio" name=""#),
      let end = html[start.upperBound...].firstIndex(of: "\"")
    else { return nil }
    return String(html[start.upperBound..<end])
  }
}
