import Foundation
import Testing

@Suite("end to end: a refused credential is named by where it came from", .serialized)
struct CredentialErrorTests {
  static let weiboToken = "weibo-sandbox-token"
  static let refusedToken =
    "WeChat refused the access token from environment variable MENUVAULT_ACCESS_TOKEN: check "
    + "that it is a current WeChat access token for this account's app (a Weibo token or "
    + "another app's token is refused this way)"

  /// A sandbox with the WeChat account `shop` (app `wxsandbox`) added, and a runner that passes
  /// exactly `environment`'s credentials (the test process's own are blanked).
  static func shop(_ options: [String] = []) async throws -> (
    sandbox: RunningSandbox,
    run: @Sendable ([String], [String: String]) async throws -> CommandResult
  ) {
    let sandbox = try RunningSandbox()
    let run: @Sendable ([String], [String: String]) async throws -> CommandResult = {
      arguments, environment in
      let blank = ["MENUVAULT_ACCESS_TOKEN": "", "MENUVAULT_APPSECRET": ""]
      return try await CommandRunner.run(
        arguments + ["--db", sandbox.vault],
        environment: blank.merging(environment) { _, new in new })
    }
    let add = try await run(
      [
        "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
        sandbox.baseURL,
      ] + options, [:])
    #expect(add.status == 0, "\(add.stderr)")
    return (sandbox, run)
  }

  @Test("a Weibo token in MENUVAULT_ACCESS_TOKEN on a WeChat account: exit 69, names the variable")
  func weiboTokenOnWeChatAccount() async throws {
    let (sandbox, run) = try await Self.shop()
    let pull = try await run(
      ["pull", "--account", "shop"], ["MENUVAULT_ACCESS_TOKEN": Self.weiboToken])
    #expect(pull.status == 69)
    expectMessage(
      pull,
      "cgi-bin/menu/get failed with errcode 40001 (\"invalid credential, "
        + "access_token is invalid or not latest\"): \(Self.refusedToken)")
    #expect(pull.stderr.contains("MENUVAULT_ACCESS_TOKEN"))
    #expect(pull.stderr.contains("40001"))
    #expect(!pull.stderr.contains(Self.weiboToken))
    #expect(!pull.stdout.contains(Self.weiboToken))
    #expect(try await sandbox.callCount("/cgi-bin/menu/get") == 1, "a given token is not retried")
  }

  @Test("a wrong app secret: exit 69, names the app id and the secret's variable, not the secret")
  func wrongSecret() async throws {
    let secret = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
    let (_, run) = try await Self.shop(["--secret-env", "WRONG_SECRET"])
    let pull = try await run(["pull", "--account", "shop"], ["WRONG_SECRET": secret])
    #expect(pull.status == 69)
    expectMessage(
      pull,
      "cgi-bin/stable_token failed with errcode 40125 (\"invalid appsecret\"): "
        + "WeChat refused app id wxsandbox with the secret from environment variable "
        + "WRONG_SECRET: check the secret on the platform's basic configuration page "
        + "(resetting it there makes the old one invalid)")
    #expect(!pull.stderr.contains(secret))
  }

  @Test("a token command that prints a refused token: run twice, then named in the error")
  func refusedTokenCommand() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-credential-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("token.sh").path
    try Data("#!/bin/sh\necho \(Self.weiboToken)\n".utf8).write(to: URL(fileURLWithPath: script))
    let command = "sh \(script)"
    let (sandbox, run) = try await Self.shop(["--token-command", command])
    let pull = try await run(["pull", "--account", "shop"], [:])
    #expect(pull.status == 69)
    expectMessage(
      pull,
      "cgi-bin/menu/get failed with errcode 40001 (\"invalid credential, "
        + "access_token is invalid or not latest\"): WeChat refused the access token from the "
        + "token command of account shop: check that it is a current WeChat access token for this "
        + "account's app (a Weibo token or another app's token is refused this way)")
    #expect(!pull.stderr.contains(Self.weiboToken))
    #expect(!pull.stderr.contains(script), "the command's text may carry a secret of its own")
    #expect(try await sandbox.callCount("/cgi-bin/menu/get") == 2, "refreshed once")
  }

  /// Expects one `menuvault: ` line on stderr that ends with `message` (the command may put the
  /// account's name before it).
  func expectMessage(
    _ result: CommandResult, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "one line", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("menuvault: "), sourceLocation: sourceLocation)
    #expect(
      result.stderr.hasSuffix(": " + message + "\n"), "\(result.stderr)",
      sourceLocation: sourceLocation)
  }
}
