import MenuVaultCore
import Testing

@Suite("nothing is dropped silently: forced shapes, ignored members, lossy lint")
struct NothingDroppedTests {
  @Test(
    "a menu/get answer with conditional menus read as another shape is refused, naming its keys",
    arguments: [DocumentShape.create, .selfmenu])
  func forcedShapeRefused(shape: DocumentShape) throws {
    let bytes = try TestFixtures.bytes("api/wechat-get-conditional.json")
    #expect(
      throws: NormalizeError.shapeMismatch(
        shape: shape,
        reason: #"its keys "menu", "conditionalmenu" are those of a menu-get document"#)
    ) {
      try Normalizer.normalize(bytes, shape: shape)
    }
  }

  @Test("a create payload read as menu-get or selfmenu is refused, naming \"button\"")
  func createReadAsOtherShapes() throws {
    let bytes = try TestFixtures.bytes("api/sample-create.json")
    for shape in [DocumentShape.menuGet, .selfmenu] {
      #expect(
        throws: NormalizeError.shapeMismatch(
          shape: shape, reason: #"its keys "button" are those of a create document"#)
      ) {
        try Normalizer.normalize(bytes, shape: shape)
      }
    }
  }

  @Test("the shape a document has can still be asked for: create on a create payload")
  func ownShapeAccepted() throws {
    let bytes = try TestFixtures.bytes("api/wechat-get-conditional.json")
    let read = try Normalizer.normalize(bytes, shape: .menuGet)
    #expect(read.menuSet.defaultMenu.buttons.count == 1)
    #expect(read.menuSet.conditionalMenus.count == 1)
  }

  @Test("camelCase appId and pagePath are named, with the member they were meant to be")
  func camelCaseMiniprogram() throws {
    let menu = try Normalizer.normalize(
      TestFixtures.bytes("api/create-miniprogram-camelcase.json"))
    #expect(
      menu.notes.map(\.line) == [
        "button[0]: lossy: ignored: appId — did you mean appid?, "
          + "pagePath — did you mean pagepath?"
      ])
    #expect(menu.fidelity == .lossy)
    // The button keeps what it had: type, name, url.
    #expect(menu.menuSet.defaultMenu.buttons[0].fields == [.url: "https://mp.weixin.qq.com"])
  }

  @Test("a parent's type and key are named as ignored on a parent")
  func typedParent() throws {
    let menu = try Normalizer.normalize(TestFixtures.bytes("api/create-typed-parent.json"))
    #expect(menu.notes.map(\.line) == ["button[0]: converted: ignored on a parent: type, key"])
    #expect(menu.menuSet.defaultMenu.buttons[0].type == nil)
  }

  @Test("unknown members of a conditional menu and of its match rule are named")
  func conditionalMembers() throws {
    let document = #"""
      {"button":[{"type":"click","name":"a","key":"k"}],"conditionalmenu":[{"button":[{"type":"click","name":"b","key":"k"}],"matchrule":{"tagId":"2","client_platform_type":"1"},"note":"x"}]}
      """#
    let menu = try Normalizer.normalize(Array(document.utf8))
    #expect(
      menu.notes.map(\.line) == [
        "conditionalmenu[0].matchrule: lossy: ignored: tagId — did you mean tag_id?",
        "conditionalmenu[0]: lossy: ignored: note",
      ])
  }

  @Test("members a shape reads are not notes: selfmenu's value and news_info, menu/get's [] ")
  func readMembersAreNotNotes() throws {
    for fixture in ["api/sample-menu-get.json", "api/selfmenu-api.json", "api/weibo-show.json"] {
      #expect(try Normalizer.normalize(TestFixtures.bytes(fixture)).notes.isEmpty, "\(fixture)")
    }
    let website = try Normalizer.normalize(TestFixtures.bytes("api/selfmenu-website.json"))
    #expect(!website.notes.contains { $0.detail.hasPrefix("ignored") })
  }

  @Test("an API button's value that is not its action is named")
  func unusedValue() throws {
    let document = #"{"button":[{"type":"click","name":"a","key":"k","value":"other"}]}"#
    let menu = try Normalizer.normalize(Array(document.utf8))
    #expect(menu.notes.map(\.line) == ["button[0]: lossy: ignored: value"])
  }

  @Test("lint warns about each lossy conversion; the platform's rules still refuse")
  func lintWarnsLossy() throws {
    let website = try Normalizer.normalize(TestFixtures.bytes("api/selfmenu-website.json"))
    let lossy = MenuValidator(platform: .wechat).findings(in: website)
      .filter { $0.rule == .lossyConversion }
    #expect(lossy.map(\.path) == website.notes.filter { $0.fidelity == .lossy }.map(\.path))
    #expect(!lossy.isEmpty && lossy.allSatisfy { !$0.isRefusal })
    let camel = try Normalizer.normalize(
      TestFixtures.bytes("api/create-miniprogram-camelcase.json"))
    let findings = MenuValidator(platform: .wechat).findings(in: camel)
    #expect(findings.map(\.rule).contains(.fieldRequired))
    #expect(findings.map(\.rule).contains(.lossyConversion))
  }

  /// The content hash of each fixture as the normalizer computed it before ignored members were
  /// named: notes never move a hash.
  static let hashes: [(String, String)] = [
    ("sample-create.json", "bed479f9a3d9f80c4f9491b576951e02e7b1d424cfabda51c7fd972b3f934a01"),
    ("sample-menu-get.json", "bed479f9a3d9f80c4f9491b576951e02e7b1d424cfabda51c7fd972b3f934a01"),
    ("selfmenu-api.json", "bed479f9a3d9f80c4f9491b576951e02e7b1d424cfabda51c7fd972b3f934a01"),
    (
      "selfmenu-website-news-without-value.json",
      "c410243bf2d551c639d5d17dce65a18194b0907345af48b4694a5f8c03479cc6"
    ),
    (
      "selfmenu-website-refetch.json",
      "52ff18ff92d8dc04a851b710d736edb9d47c9eadccd49b60bd042f71d91801ae"
    ),
    ("selfmenu-website.json", "52ff18ff92d8dc04a851b710d736edb9d47c9eadccd49b60bd042f71d91801ae"),
    (
      "wechat-create-click-view.json",
      "3ec3a279365778662b0854e8e7c83700cf86382d2dd40cce2b991dc59a680fbe"
    ),
    (
      "wechat-create-other-types.json",
      "e822acc2e8ef14e493c76813827082b59e055eb905b23e61f422263a5225f5fc"
    ),
    (
      "wechat-get-conditional.json",
      "b5b678b46a6103b3e1cfbc85e17a829ae362df7cc647d1433dd6421ff9287c45"
    ),
    ("wechat-get-default.json", "9dcadb29f31b0390126308270f4177cfe610bf860c82553d78ed1ce9219aab12"),
    ("weibo-create.json", "85e4d4844705a4acb9dda5ac9d75ea16f3482da9e08694570887ba153eefd8a9"),
    ("weibo-show.json", "85e4d4844705a4acb9dda5ac9d75ea16f3482da9e08694570887ba153eefd8a9"),
    (
      "create-miniprogram-camelcase.json",
      "f73936f84ea6eb9bec04a5ba8772ec9d0a826a5269d186bb6060697ad9f8cbc8"
    ),
    (
      "create-typed-parent.json", "ed54be8a179f1b3d9baadf2e1d1f11552c1ed674bd15fba76a3ccef8b9efea70"
    ),
  ]

  @Test("every fixture document keeps its content hash", arguments: hashes)
  func hashUnchanged(fixture: String, hash: String) throws {
    let platform: Platform = fixture.hasPrefix("weibo") ? .weibo : .wechat
    let menu = try Normalizer.normalize(
      TestFixtures.bytes("api/\(fixture)"), platform: platform)
    #expect(menu.contentHash == hash)
  }
}
