import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("credential errors name where the credential came from, never its value")
struct CredentialOriginTests {
  static let weiboToken = SandboxConfiguration.standardWeiboToken

  /// The harness's options, with `origin` as the credential's origin.
  static func options(_ harness: SandboxHarness, origin: String?) -> ClientOptions {
    var options = harness.options()
    options.credentialOrigin = origin
    return options
  }

  /// The platform error `body` throws, or a recorded issue and `nil`.
  static func failure(_ body: () async throws -> Void) async -> PlatformError? {
    do {
      try await body()
      Issue.record("the call succeeded")
    } catch let error as PlatformError {
      return error
    } catch {
      Issue.record("not a PlatformError: \(error)")
    }
    return nil
  }

  @Test("a Weibo token given to WeChat fails naming its environment variable, with 40001")
  func weiboTokenOnWeChat() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(
        .accessToken(Self.weiboToken),
        options: Self.options(harness, origin: "environment variable MENUVAULT_ACCESS_TOKEN"))
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(
        error.description
          == "cgi-bin/menu/get failed with errcode 40001 (\"invalid credential, access_token is "
          + "invalid or not latest\"): WeChat refused the access token from environment variable "
          + "MENUVAULT_ACCESS_TOKEN: check that it is a current WeChat access token for this "
          + "account's app (a Weibo token or another app's token is refused this way)")
      #expect(
        error
          == .credentialRefused(
            platform: .wechat, endpoint: "cgi-bin/menu/get", code: 40001,
            message: "invalid credential, access_token is invalid or not latest",
            credential: "the access token from environment variable MENUVAULT_ACCESS_TOKEN"))
      #expect(error.wechatErrorCode == 40001)
      #expect(error.weiboErrorCode == nil)
      #expect(error.isTokenRejection)
      #expect(!error.isRetryable)
      #expect(!error.description.contains(Self.weiboToken))
      #expect(!String(reflecting: error).contains(Self.weiboToken))
      #expect(harness.log.lines.allSatisfy { !$0.contains(Self.weiboToken) })
      // A given token cannot be replaced: one call, no retry.
      #expect(await harness.calledPaths() == ["/cgi-bin/menu/get"])
    }
  }

  @Test("without an origin, a refused token is WeChat's error as it was")
  func noOriginKeepsThePlainError() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(.accessToken(Self.weiboToken))
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/get", code: 40001,
          message: "invalid credential, access_token is invalid or not latest")
      ) {
        _ = try await client.getMenu()
      }
    }
  }

  @Test("a wrong app secret (40125) names the secret's environment variable and the app id")
  func wrongSecret() async throws {
    try await SandboxHarness.run { harness in
      let secret = "not-the-secret-4c1d"
      let client = harness.wechat(
        .appCredentials(appID: SandboxHarness.appID, secret: secret),
        options: Self.options(harness, origin: "environment variable WRONG_SECRET"))
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(
        error.description
          == "cgi-bin/stable_token failed with errcode 40125 (\"invalid appsecret\"): WeChat "
          + "refused app id wxsandbox with the secret from environment variable WRONG_SECRET: "
          + "check the secret on the platform's basic configuration page (resetting it there "
          + "makes the old one invalid)")
      #expect(error.wechatErrorCode == 40125)
      #expect(!error.description.contains(secret))
      #expect(harness.log.lines.allSatisfy { !$0.contains(secret) })
      #expect(await harness.calledPaths() == ["/cgi-bin/stable_token"])
    }
  }

  @Test("an unknown app id (40013) names the app id and where the secret came from")
  func unknownAppID() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(
        .appCredentials(appID: "wxnobody", secret: SandboxHarness.secret),
        options: Self.options(harness, origin: "environment variable MENUVAULT_APPSECRET"))
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(
        error.description
          == "cgi-bin/stable_token failed with errcode 40013 (\"invalid appid\"): WeChat refused "
          + "app id wxnobody with the secret from environment variable MENUVAULT_APPSECRET: "
          + "check the app id on the platform's basic configuration page")
      #expect(!error.description.contains(SandboxHarness.secret))
    }
  }

  @Test("a token command whose token is refused is run again once, then named in the error")
  func refusedTokenCommand() async throws {
    try await SandboxHarness.run { harness in
      let script = FileManager.default.temporaryDirectory
        .appendingPathComponent("menuvault-origin-\(UUID().uuidString).sh")
      try "#!/bin/sh\necho run >> \"$0.count\"\necho \(Self.weiboToken)\n"
        .write(to: script, atomically: true, encoding: .utf8)
      defer {
        try? FileManager.default.removeItem(at: script)
        try? FileManager.default.removeItem(atPath: script.path + ".count")
      }
      let command = "sh \(script.path)"
      let client = harness.wechat(
        .command(command),
        options: Self.options(harness, origin: "the token command `\(command)`"))
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(
        error.description
          == "cgi-bin/menu/get failed with errcode 40001 (\"invalid credential, access_token is "
          + "invalid or not latest\"): WeChat refused the access token from the token command "
          + "`\(command)`: check that it is a current WeChat access token for this account's "
          + "app (a Weibo token or another app's token is refused this way)")
      #expect(!error.description.contains(Self.weiboToken))
      let runs = try String(contentsOfFile: script.path + ".count", encoding: .utf8)
      #expect(runs == "run\nrun\n", "run again once when the token was refused")
      #expect(await harness.calledPaths() == ["/cgi-bin/menu/get", "/cgi-bin/menu/get"])
    }
  }

  @Test("a token command that shows its token in its own text has the token scrubbed")
  func tokenInCommandText() async throws {
    try await SandboxHarness.run { harness in
      let command = "echo \(Self.weiboToken)"
      let client = harness.wechat(
        .command(command),
        options: Self.options(harness, origin: "the token command `\(command)`"))
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(error.wechatErrorCode == 40001)
      #expect(error.description.contains("the token command `echo <redacted>`"))
      #expect(!error.description.contains(Self.weiboToken))
    }
  }

  @Test("a token fetched with app credentials and refused after a forced refresh stays plain")
  func appCredentialTokenRefusedTwice() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat(
        options: Self.options(harness, origin: "environment variable MENUVAULT_APPSECRET"))
      await harness.server.inject(
        SandboxFault(.errorCode(40001, message: nil), count: 2), on: "/cgi-bin/menu/get")
      let error = try #require(await Self.failure { _ = try await client.getMenu() })
      #expect(error.wechatErrorCode == 40001)
      guard case .wechat = error else {
        Issue.record("the app credentials worked, so their origin is not blamed: \(error)")
        return
      }
      #expect(
        await harness.calledPaths() == [
          "/cgi-bin/stable_token", "/cgi-bin/menu/get", "/cgi-bin/stable_token",
          "/cgi-bin/menu/get",
        ])
    }
  }

  @Test("Weibo: a refused token names its environment variable, with Weibo's code")
  func weiboRefusal() async throws {
    try await SandboxHarness.run { harness in
      let token = "not-a-weibo-token-77"
      let client = WeiboClient(
        tokenSource: .accessToken(token), baseURL: harness.server.baseURL,
        options: Self.options(harness, origin: "environment variable FANS_TOKEN"))
      let error = try #require(await Self.failure { _ = try await client.showMenu() })
      #expect(
        error.description
          == "2/messages/menu/show.json failed with Weibo error_code 21332 "
          + "(\"invalid_access_token\"): Weibo refused the access token from environment "
          + "variable FANS_TOKEN: check that it is a current access token from this Weibo "
          + "account's fan-service development-mode page (a WeChat token or another account's "
          + "token is refused this way)")
      #expect(error.weiboErrorCode == 21332)
      #expect(error.wechatErrorCode == nil)
      #expect(!error.description.contains(token))
    }
  }
}
