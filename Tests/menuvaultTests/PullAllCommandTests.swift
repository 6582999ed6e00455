import Foundation
import Testing

@Suite("end to end: pull --all --jobs N over many sandbox accounts")
struct PullAllCommandTests {
  /// `bulk001`... for apps `wxbulk001`..., all with the sandbox's standard secret.
  static func appIDs(_ count: Int) -> [String] {
    (1...count).map { String(format: "wxbulk%03d", $0) }
  }

  /// A sandbox that knows `count` apps, and a vault with one account per app, added from a CSV.
  static func fleet(_ count: Int) async throws -> RunningSandbox {
    let sandbox = try RunningSandbox(appIDs(count).flatMap { ["--app", "\($0):sandbox-secret"] })
    let rows = appIDs(count).map { appID in
      "bulk\(appID.dropFirst("wxbulk".count)),wechat,\(appID),\(sandbox.baseURL)"
    }
    let path = try sandbox.file(
      "accounts.csv", "name,platform,appid,api-base\n" + rows.joined(separator: "\n"))
    let added = try await sandbox.run(["account", "add", "--from", path])
    #expect(added.status == 0, "\(added.stderr)")
    return sandbox
  }

  @Test("every account is pulled with one token; a summary line ends the output; exit 0")
  func everyAccount() async throws {
    let sandbox = try await Self.fleet(20)
    try await sandbox.control(
      "sandbox/faults", #"{"path": "/cgi-bin/menu/get", "count": 1000, "delay_ms": 20}"#)
    let pull = try await sandbox.run(["pull", "--all", "--jobs", "8"])
    #expect(pull.status == 0, "\(pull.stderr)")
    let lines = pull.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 20 * 3 + 1, "get, selfmenu and live per account, then the summary")
    #expect(lines.last?.hasPrefix("20 account(s): 20 pulled, 20 changed, 0 failed in ") == true)
    // Not a terminal: a plain progress line each time another tenth of the accounts ended.
    let progress = pull.stderr.split(separator: "\n").map(String.init)
    #expect(progress.count == 10, "\(pull.stderr)")
    #expect(progress.last?.hasPrefix("20 of 20 accounts, ") == true)
    #expect(progress.allSatisfy { $0.contains(" accounts, ") && $0.contains("/s, 0 failed") })

    let tokens = try await sandbox.calls("/cgi-bin/stable_token")
    #expect(tokens.compactMap { $0["appid"] as? String }.sorted() == Self.appIDs(20))
    #expect(
      tokens.allSatisfy { ($0["body"] as? String)?.contains(#""force_refresh":false"#) == true })

    let again = try await sandbox.run(["pull", "--all"])
    #expect(again.status == 0)
    #expect(
      again.stdout.split(separator: "\n").last?.hasPrefix(
        "20 account(s): 20 pulled, 0 changed, 0 failed in ") == true)
    #expect(try await sandbox.calls("/cgi-bin/stable_token").count == 40, "one per account per run")
  }

  @Test("one failing account does not stop the others: it is named with its reason, exit 75")
  func oneAccountFails() async throws {
    let fleet = try await Self.fleet(12)
    // An app the platform does not know: its token is refused (40013).
    let ghost = try await fleet.run([
      "account", "add", "ghost", "--platform", "wechat", "--appid", "wxghost", "--api-base",
      fleet.baseURL,
    ])
    #expect(ghost.status == 0, "\(ghost.stderr)")
    let pull = try await fleet.run(["pull", "--all", "--jobs", "4"])
    #expect(pull.status == 75)
    #expect(
      pull.stdout.split(separator: "\n").last?.hasPrefix(
        "13 account(s): 12 pulled, 12 changed, 1 failed in ") == true)
    #expect(!pull.stdout.contains("ghost"))
    let failures = pull.stderr.split(separator: "\n").filter { $0.hasPrefix("menuvault: ") }
    #expect(failures.count == 1)
    #expect(
      failures.first?.hasPrefix(
        "menuvault: ghost: cgi-bin/stable_token failed with errcode 40013 (\"invalid appid\"): "
          + "WeChat refused app id wxghost with the secret from environment variable "
          + "MENUVAULT_APPSECRET") == true,
      "\(pull.stderr)")
    #expect(!pull.stderr.contains("sandbox-secret"))
    #expect(pull.stderr.split(separator: "\n").last?.contains("13 of 13 accounts, ") == true)
    #expect(pull.stderr.contains(", 1 failed"))
  }

  @Test("--jobs is 1 to 256, and goes with --all")
  func jobsChecked() async throws {
    let cases: [([String], String)] = [
      (["--all", "--jobs", "0"], "--jobs must be 1 to 256, not 0"),
      (["--all", "--jobs", "257"], "--jobs must be 1 to 256, not 257"),
      (["--account", "shop", "--jobs", "4"], "--jobs goes with --all"),
    ]
    for (arguments, message) in cases {
      let result = try await CommandRunner.run(["pull"] + arguments)
      #expect(result.status == 64)
      #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }
  }

  @Test("a token command sees MENUVAULT_ACCOUNT and MENUVAULT_APPID: one line serves every account")
  func tokenCommandEnvironment() async throws {
    let sandbox = try RunningSandbox(Self.appIDs(3).flatMap { ["--app", "\($0):sandbox-secret"] })
    // The stand-in for a token service: a token per app id, fetched once beforehand.
    var cases = ""
    for appID in Self.appIDs(3) {
      let token = try await sandbox.stableToken(appID: appID, secret: "sandbox-secret")
      cases += "  \(appID)) echo \(token) ;;\n"
    }
    let seen = sandbox.directory.appendingPathComponent("seen").path
    let script = try sandbox.file(
      "token.sh",
      """
      echo "$MENUVAULT_ACCOUNT $MENUVAULT_APPID" >> '\(seen)'
      case "$MENUVAULT_APPID" in
      \(cases)  *) echo "no token for $MENUVAULT_APPID" >&2; exit 1 ;;
      esac

      """)
    let rows = Self.appIDs(3).map { appID in
      "bulk\(appID.dropFirst("wxbulk".count)),wechat,\(appID),\(sandbox.baseURL),sh \(script)"
    }
    let path = try sandbox.file(
      "accounts.csv",
      "name,platform,appid,api-base,token-command\n" + rows.joined(separator: "\n") + "\n")
    let added = try await sandbox.run(["account", "add", "--from", path])
    #expect(added.status == 0, "\(added.stderr)")
    let pull = try await sandbox.run(["pull", "--all"])
    #expect(pull.status == 0, "\(pull.stderr)")
    let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").sorted()
    #expect(lines == ["bulk001 wxbulk001", "bulk002 wxbulk002", "bulk003 wxbulk003"])
    #expect(try await sandbox.callCount("/cgi-bin/stable_token") == 3, "only the test's own")
  }
}
