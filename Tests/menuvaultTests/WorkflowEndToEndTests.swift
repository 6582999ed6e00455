import Foundation
import MenuVault
import Testing

/// Menus the end-to-end runs publish.
enum E2EMenus {
  static let good = #"""
    {"button":[{"name":"新品","sub_button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/new"}]},
     {"type":"click","name":"营业时间","key":"OPENING_HOURS"}],
     "conditionalmenu":[{"button":[{"type":"view","name":"下载App","url":"https://shop.example.com/android"}],
     "matchrule":{"client_platform_type":"2"}}]}
    """#
  static let bad =
    #"{"button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/nwe"}]}"#
  static let weiboGood =
    #"{"button":[{"type":"click","name":"优惠券","key":"COUPON"},{"name":"菜单","sub_button":[{"type":"view","name":"网店","url":"http://apps.weibo.com/shop"}]}]}"#
  static let weiboBad = #"{"button":[{"type":"click","name":"优惠券","key":"COUPON_TYPO"}]}"#
  static let website = #"""
    {"is_menu_open":1,"selfmenu_info":{"button":[
      {"type":"text","name":"营业时间","value":"每天 10:00-22:00"},
      {"type":"news","name":"品牌故事","value":"MEDIA_brand","news_info":{"list":[{"title":"t","content_url":"https://mp.weixin.qq.com/s/x"}]}},
      {"type":"img","name":"门店照片","value":"TEMP_photo"}]}}
    """#
}

/// The number after `label #` in a command's output (`sent snapshot #12`).
func snapshotID(after label: String, in text: String) -> Int? {
  guard let range = text.range(of: label + " #") else { return nil }
  return Int(text[range.upperBound...].prefix { $0.isNumber })
}

@Suite("end to end: the built binary against a sandbox process", .serialized)
struct WorkflowEndToEndTests {
  @Test("WeChat: pull, publish with a conditional menu, a bad publish, rollback, status in sync")
  func wechatStory() async throws {
    let sandbox = try RunningSandbox()
    let add = try await sandbox.run([
      "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
      sandbox.baseURL,
    ])
    #expect(add.status == 0, "\(add.stderr)")
    let pull = try await sandbox.run(["pull", "--account", "shop"])
    #expect(pull.status == 0, "\(pull.stderr)")
    #expect(pull.stdout.contains("get       #1"))
    #expect(pull.stdout.contains("no menu"))

    let good = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("+ conditionalmenu[0] matchrule {client_platform_type=2}"))
    let goodID = try #require(snapshotID(after: "sent snapshot", in: good.stdout))

    let bad = try await sandbox.run([
      "publish", try sandbox.file("bad.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    #expect(bad.status == 0, "\(bad.stderr)")
    #expect(bad.stdout.contains("- conditionalmenu[0]"))
    let badID = try #require(snapshotID(after: "sent snapshot", in: bad.stdout))

    let drift = try await sandbox.run(["status", "--account", "shop"])
    #expect(drift.status == 0, "the bad menu is what we published: in sync")

    let diff = try await sandbox.run(["diff", "\(goodID)", "\(badID)"])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(diff.stdout.contains(#"> button[0] "本周上新" moved from button[0].sub_button[0]"#))
    #expect(
      diff.stdout.contains(
        #"~ button[0].url: "https://shop.example.com/new" -> "https://shop.example.com/nwe""#))

    let rollback = try await sandbox.run(["rollback", "\(goodID)", "--yes"])
    #expect(rollback.status == 0, "\(rollback.stderr)")
    let rollbackID = try #require(snapshotID(after: "sent snapshot", in: rollback.stdout))
    let history = try await sandbox.run(["history", "--account", "shop", "--json"])
    #expect(history.stdout.contains("\"rollback_of\": \(goodID)"))
    #expect(history.stdout.contains("\"id\": \(rollbackID)"))

    let again = try await sandbox.run(["rollback", "\(goodID)", "--yes"])
    #expect(again.status == 0)
    #expect(again.stdout.contains("already live"))

    let status = try await sandbox.run(["status", "--account", "shop"])
    #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    #expect(status.stdout.contains("in sync"))

    // A delete this vault made is what status compares with afterwards.
    let delete = try await sandbox.run(["delete", "--account", "shop", "--yes"])
    #expect(delete.status == 0, "\(delete.stderr)")
    let afterDelete = try await sandbox.run(["status", "--account", "shop"])
    #expect(afterDelete.status == 0, "\(afterDelete.stdout)")
    #expect(afterDelete.stdout.contains("in sync"))
    let verify = try await sandbox.run(["verify"])
    #expect(verify.status == 0)
  }

  @Test("Weibo: publish, a bad publish, rollback, status in sync")
  func weiboStory() async throws {
    let sandbox = try RunningSandbox()
    let add = try await sandbox.run(
      [
        "account", "add", "fans", "--platform", "weibo", "--appid", "1838358847", "--api-base",
        sandbox.baseURL,
      ],
      weibo: true)
    #expect(add.status == 0, "\(add.stderr)")
    let good = try await sandbox.run(
      ["publish", try sandbox.file("good.json", E2EMenus.weiboGood), "--account", "fans", "--yes"],
      weibo: true)
    #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
    let goodID = try #require(snapshotID(after: "sent snapshot", in: good.stdout))
    let bad = try await sandbox.run(
      ["publish", try sandbox.file("bad.json", E2EMenus.weiboBad), "--account", "fans", "--yes"],
      weibo: true)
    #expect(bad.status == 0, "\(bad.stderr)")
    let rollback = try await sandbox.run(["rollback", "\(goodID)", "--yes"], weibo: true)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    let status = try await sandbox.run(["status", "--account", "fans"], weibo: true)
    #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    let conditional = try await sandbox.run(
      ["publish", try sandbox.file("c.json", E2EMenus.good), "--account", "fans", "--yes"],
      weibo: true)
    #expect(conditional.status == 65)
    #expect(conditional.stderr.contains("conditional-not-supported"))
  }

  @Test("a website-set menu: status shows drift; its rollback needs --allow-lossy and a media map")
  func websiteRollback() async throws {
    let sandbox = try RunningSandbox()
    _ = try await sandbox.run([
      "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
      sandbox.baseURL,
    ])
    try await sandbox.control("sandbox/website-menu", E2EMenus.website)
    let pull = try await sandbox.run(["pull", "--account", "shop"])
    let websiteID = try #require(
      pull.stdout.split(separator: "\n").first { $0.contains(" selfmenu ") }.flatMap { line in
        line.split(separator: "#").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
      })
    _ = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    let refused = try await sandbox.run(["rollback", "\(websiteID)", "--yes"])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("button[2]: unpublishable"))
    let lossy = try await sandbox.run(
      [
        "rollback", "\(websiteID)", "--yes", "--media-map",
        try sandbox.file("map.json", #"{"button[2]":"PERMANENT_photo"}"#),
      ])
    #expect(lossy.status == 65)
    #expect(lossy.stderr.contains("pass --allow-lossy"))
    let rolled = try await sandbox.run(
      [
        "rollback", "\(websiteID)", "--yes", "--allow-lossy", "--media-map",
        try sandbox.file("map2.json", #"{"button[2]":"PERMANENT_photo"}"#),
      ])
    #expect(rolled.status == 0, "\(rolled.stderr)")
    #expect(rolled.stderr.contains("note: button[0]: lossy: text became click mv_text_"))
    #expect(rolled.stderr.contains("note: button[1]: converted: news became media_id MEDIA_brand"))
    let replies = try await sandbox.run(["replies", "--account", "shop", "\(websiteID)"])
    #expect(replies.stdout.contains("\"每天 10:00-22:00\"\tbutton[0]"))
    try await sandbox.control("sandbox/website-menu", E2EMenus.website)
    let drift = try await sandbox.run(["status", "--account", "shop"])
    #expect(drift.status == 3, "\(drift.stdout)")
    #expect(drift.stdout.contains("drifted"))
  }

  @Test(
    "with --no-restore, a publish that fails at addconditional says so, and a rollback recovers")
  func failedHalfWay() async throws {
    let sandbox = try RunningSandbox()
    _ = try await sandbox.run([
      "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
      sandbox.baseURL,
    ])
    let first = try await sandbox.run([
      "publish", try sandbox.file("bad.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    let firstID = try #require(snapshotID(after: "sent snapshot", in: first.stdout))
    let createsBefore = try await createSnapshotCount(sandbox)
    #expect(createsBefore == 1)
    try await sandbox.control(
      "sandbox/faults", #"{"path":"/cgi-bin/menu/addconditional","errcode":40018,"count":1}"#)
    let failed = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
      "--no-restore",
    ])
    #expect(failed.status == 69)
    #expect(failed.stderr.contains("failed at step addconditional 1/1"))
    #expect(failed.stderr.contains("menuvault rollback"))
    #expect(
      try await createSnapshotCount(sandbox) == createsBefore,
      "no create snapshot for the failed publish")
    let status = try await sandbox.run(["status", "--account", "shop"])
    #expect(status.status == 3, "the default menu changed before addconditional failed")
    let recover = try await sandbox.run(["rollback", "\(firstID)", "--yes"])
    #expect(recover.status == 0, "\(recover.stderr)")
    let after = try await sandbox.run(["status", "--account", "shop"])
    #expect(after.status == 0, "\(after.stdout)")
  }

  @Test("a second rollback while one is under way is refused by the lock, which the first releases")
  func concurrentRollbackRefused() async throws {
    let sandbox = try RunningSandbox()
    _ = try await sandbox.run([
      "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
      sandbox.baseURL,
    ])
    let good = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    let goodID = try #require(snapshotID(after: "sent snapshot", in: good.stdout))
    _ = try await sandbox.run([
      "publish", try sandbox.file("bad.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    try await sandbox.control(
      "sandbox/faults", #"{"path":"/cgi-bin/menu/create","delay_ms":3000,"count":1}"#)
    let createsBefore = try await sandbox.callCount("/cgi-bin/menu/create")
    let slow = Task.detached { try await sandbox.run(["rollback", "\(goodID)", "--yes"]) }
    // The first rollback holds the lock once its create call is under way (held 3 s).
    let deadline = ContinuousClock.now + .seconds(30)
    while try await sandbox.callCount("/cgi-bin/menu/create") == createsBefore {
      try #require(ContinuousClock.now < deadline, "the first rollback never reached create")
      try await Task.sleep(for: .milliseconds(20))
    }
    let second = try await sandbox.run(["rollback", "\(goodID)", "--yes"])
    #expect(second.status == 75)
    #expect(second.stderr.contains("is locked: rollback operation"))
    let first = try await slow.value
    #expect(first.status == 0, "\(first.stderr)")
    let unlock = try await sandbox.run(["unlock", "--account", "shop"])
    #expect(unlock.stdout.contains("nothing to clear"))
  }
}

/// How many `create` snapshots the account "shop" has (from `history --all --json`).
private func createSnapshotCount(_ sandbox: RunningSandbox) async throws -> Int {
  let history = try await sandbox.run(["history", "--account", "shop", "--all", "--json"])
  guard case .array(let entries) = try JSONParser.parse(Array(history.stdout.utf8)) else {
    throw SandboxStartFailure(line: "history --json printed no array: \(history.stdout)")
  }
  return entries.filter { $0["source"] == .string("create") }.count
}
