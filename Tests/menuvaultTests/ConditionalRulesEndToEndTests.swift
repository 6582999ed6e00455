import Foundation
import MenuVault
import Testing

/// Menus that break or stretch today's conditional-menu rules.
enum RuleMenus {
  static let privacy = #"""
    {"button":[{"type":"click","name":"营业时间","key":"HOURS"}],
     "conditionalmenu":[{"button":[{"type":"click","name":"会员","key":"VIP"}],"matchrule":{"tag_id":"101"}},
      {"button":[{"type":"click","name":"男士","key":"MEN"}],"matchrule":{"sex":"1","language":"zh_CN"}}]}
    """#
  static let miniprogram = #"""
    {"button":[{"type":"click","name":"营业时间","key":"HOURS"}],
     "conditionalmenu":[{"button":[{"type":"miniprogram","name":"小程序","url":"https://shop.example.com/",
      "appid":"wx286b93c14bbf93aa","pagepath":"pages/lunar/index"}],"matchrule":{"tag_id":"101"}}]}
    """#
  /// Seeded as conditional menus created before WeChat's privacy change, oldest first.
  static let legacy = [
    #"{"button":[{"type":"click","name":"会员","key":"VIP"}],"matchrule":{"tag_id":"101"}}"#,
    #"{"button":[{"type":"click","name":"男士","key":"MEN"}],"matchrule":{"sex":"1"}}"#,
    #"{"button":[{"type":"view","name":"下载App","url":"https://shop.example.com/android"}],"matchrule":{"client_platform_type":"2"}}"#,
  ]
}

@Suite("end to end: today's conditional-menu rules, inactive menus, restore", .serialized)
struct ConditionalRulesEndToEndTests {
  func addShop(_ sandbox: RunningSandbox) async throws {
    let add = try await sandbox.run([
      "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
      sandbox.baseURL,
    ])
    #expect(add.status == 0, "\(add.stderr)")
  }

  @Test("lint refuses a privacy field with 65320's rule; an unlisted type warns, --strict refuses")
  func lint() async throws {
    let sandbox = try RunningSandbox()
    let privacy = try await CommandRunner.run([
      "lint", try sandbox.file("p.json", RuleMenus.privacy),
    ])
    #expect(privacy.status == 65)
    #expect(
      privacy.stdout.contains(
        "p.json: conditionalmenu[1].matchrule.sex: privacy-match-field: WeChat no longer matches"))
    #expect(privacy.stdout.contains("conditionalmenu[1].matchrule.language: privacy-match-field"))
    #expect(privacy.stderr.contains("2 finding(s): not publishable on wechat"))

    let mini = try sandbox.file("m.json", RuleMenus.miniprogram)
    let warned = try await CommandRunner.run(["lint", mini])
    #expect(warned.status == 0, "\(warned.stderr)")
    #expect(
      warned.stdout.contains(
        "m.json: conditionalmenu[0].button[0].type: warning: conditional-type-unlisted"))
    #expect(warned.stdout.contains("m.json: publishable on wechat with 1 warning(s)"))
    let strict = try await CommandRunner.run(["lint", "--strict", mini])
    #expect(strict.status == 65)
  }

  @Test("a publish that would be refused sends nothing: not one call reaches the sandbox")
  func refusedBeforeAnyCall() async throws {
    let sandbox = try RunningSandbox()
    try await addShop(sandbox)
    let publish = try await sandbox.run([
      "publish", try sandbox.file("p.json", RuleMenus.privacy), "--account", "shop", "--yes",
    ])
    #expect(publish.status == 65)
    #expect(publish.stderr.contains("conditionalmenu[1].matchrule.sex: privacy-match-field"))
    for path in [
      "/cgi-bin/stable_token", "/cgi-bin/menu/get", "/cgi-bin/menu/create",
      "/cgi-bin/menu/delconditional", "/cgi-bin/menu/addconditional",
    ] {
      #expect(try await sandbox.callCount(path) == 0, "\(path)")
    }
  }

  @Test(
    "a pre-change conditional menu is shown inactive; a rollback publishes the active ones in order"
  )
  func inactiveMenusAndRollback() async throws {
    let sandbox = try RunningSandbox()
    try await addShop(sandbox)
    let first = try await sandbox.run([
      "publish", try sandbox.file("d.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    #expect(first.status == 0, "\(first.stderr)")
    for menu in RuleMenus.legacy {
      try await sandbox.control("sandbox/legacy-conditional-menu", menu)
    }
    let pull = try await sandbox.run(["pull", "--account", "shop"])
    let seededID = try #require(snapshotID(after: "get      ", in: pull.stdout), "\(pull.stdout)")

    let show = try await sandbox.run(["show", "\(seededID)"])
    #expect(
      show.stdout.contains(
        "conditional menu 1 (sex=1)  [inactive: WeChat no longer matches by sex]"))
    #expect(!show.stdout.contains("conditional menu 0 (tag_id=101)  [inactive"))
    let json = try await sandbox.run(["show", "--json", "\(seededID)"])
    #expect(json.stdout.contains(#""inactive_fields": ["#))
    let hashOfJSON = try await CommandRunner.run([
      "hash", try sandbox.file("shown.json", json.stdout),
    ])
    let history = try await sandbox.run(["history", "--account", "shop", "--json"])
    let entries = try JSONParser.parse(Array(history.stdout.utf8))
    guard case .array(let list) = entries else {
      Issue.record("history --json printed no array")
      return
    }
    let seeded = try #require(list.first { $0["id"] == .number(Double(seededID)) })
    guard case .array(let inactive)? = seeded["inactive_conditional_menus"] else {
      Issue.record("no inactive_conditional_menus in \(seeded)")
      return
    }
    #expect(inactive.count == 1)
    #expect(inactive.first?["path"] == .string("conditionalmenu[1]"))
    #expect(inactive.first?["fields"] == .array([.string("sex")]))
    #expect(inactive.first?["rule"] == .string("sex=1"))
    guard case .string(let hash)? = seeded["hash"] else {
      Issue.record("no hash in \(seeded)")
      return
    }
    #expect(hashOfJSON.status == 0, "\(hashOfJSON.stderr)")
    #expect(hashOfJSON.stdout.hasPrefix(hash), "marking inactive does not change the hash")
    let status = try await sandbox.run(["status", "--account", "shop"])
    #expect(status.stdout.contains("note: live conditionalmenu[1] (sex=1) is inactive"))

    let bad = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    #expect(bad.status == 0, "\(bad.stderr)")

    let rollback = try await sandbox.run(["rollback", "\(seededID)", "--yes"])
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(
      rollback.stdout.contains(
        "note: not sent: conditionalmenu[1] (sex=1) is inactive: WeChat no longer matches users by sex"
      ))
    #expect(rollback.stdout.contains("users see exactly what they saw then"))
    let sentID = try #require(snapshotID(after: "sent snapshot", in: rollback.stdout))
    let sent = try await sandbox.run(["show", "\(sentID)"])
    #expect(sent.stdout.contains("rollback of \(seededID)"))
    #expect(sent.stdout.contains("conditional menu 0 (tag_id=101)"))
    #expect(sent.stdout.contains("conditional menu 1 (client_platform_type=2)"))
    #expect(!sent.stdout.contains("sex"))

    let after = try await sandbox.run(["pull", "--account", "shop"])
    let liveID = try #require(snapshotID(after: "get      ", in: after.stdout))
    let diff = try await sandbox.run(["diff", "\(sentID)", "\(liveID)"])
    #expect(diff.stdout.hasPrefix("no differences"), "\(diff.stdout)")
    let inSync = try await sandbox.run(["status", "--account", "shop"])
    #expect(inSync.status == 0, "\(inSync.stdout)")
  }

  @Test("a restore that fails too gives the command that finishes it, and that command works")
  func restoreFailsThenFinishingCommand() async throws {
    let sandbox = try RunningSandbox()
    try await addShop(sandbox)
    let good = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    #expect(good.status == 0, "\(good.stderr)")
    try await sandbox.control(
      "sandbox/faults", #"{"path":"/cgi-bin/menu/create","errcode":40017,"count":2}"#)
    let failed = try await sandbox.run([
      "publish", try sandbox.file("bad.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    #expect(failed.status == 69)
    let lines = failed.stderr.split(separator: "\n").filter { !$0.hasPrefix("…") }
    #expect(lines.count == 1, "one line: \(failed.stderr)")
    #expect(
      failed.stderr.contains("failed at step create: cgi-bin/menu/create failed with errcode 40017")
    )
    #expect(failed.stderr.contains("back failed too, at step restore: create"))
    let command = try #require(
      failed.stderr.range(of: "`menuvault rollback ").map { range in
        failed.stderr[range.upperBound...].prefix { $0 != "`" }
      })
    let arguments = ["rollback"] + command.split(separator: " ").map(String.init)
    let finish = try await sandbox.run(arguments)
    #expect(finish.status == 0, "\(finish.stderr)")
    let status = try await sandbox.run(["status", "--account", "shop"])
    #expect(status.status == 0, "\(status.stdout)")
    #expect(status.stdout.contains("in sync"))
  }

  @Test("a publish that fails half way puts the previous menu back by default")
  func restoredByDefault() async throws {
    let sandbox = try RunningSandbox()
    try await addShop(sandbox)
    let first = try await sandbox.run([
      "publish", try sandbox.file("bad.json", E2EMenus.bad), "--account", "shop", "--yes",
    ])
    #expect(first.status == 0, "\(first.stderr)")
    try await sandbox.control(
      "sandbox/faults", #"{"path":"/cgi-bin/menu/addconditional","errcode":40018,"count":1}"#)
    let failed = try await sandbox.run([
      "publish", try sandbox.file("good.json", E2EMenus.good), "--account", "shop", "--yes",
    ])
    #expect(failed.status == 69)
    #expect(failed.stderr.contains("failed at step addconditional 1/1"))
    #expect(failed.stderr.contains("was put back (create, read-back) and read back as #"))
    #expect(!failed.stderr.contains("menuvault rollback"))
    let status = try await sandbox.run(["status", "--account", "shop"])
    #expect(status.status == 0, "\(status.stdout)")
    let history = try await sandbox.run(["history", "--account", "shop", "--limit", "1"])
    let liveHash = try #require(
      history.stdout.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first)
    let published = try #require(
      first.stdout.range(of: "sent snapshot #").map { first.stdout[$0.upperBound...] })
    #expect(published.contains(" \(liveHash)"), "the live menu hashes as the first publish's")
    let verify = try await sandbox.run(["verify"])
    #expect(verify.status == 0)
  }
}
