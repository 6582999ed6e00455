import Foundation
import MenuSandbox
import MenuVault
import Synchronization
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A sandbox on 127.0.0.1 and clients pointed at it, with tiny retry delays and a log collector.
struct SandboxHarness {
  let server: SandboxServer
  let log = LineCollector()

  static let appID = SandboxConfiguration.App.standard.appID
  static let secret = SandboxConfiguration.App.standard.secret

  /// Retries that take milliseconds, so fault tests stay fast.
  static let fastRetry = RetryPolicy(
    maximumAttempts: 4, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(4))

  /// Starts a sandbox, runs `body`, and stops the sandbox whatever happens.
  static func run(
    _ configuration: SandboxConfiguration = SandboxConfiguration(),
    _ body: (SandboxHarness) async throws -> Void
  ) async throws {
    let server = try await SandboxServer.start(configuration)
    let harness = SandboxHarness(server: server)
    do {
      try await body(harness)
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }

  /// Client options with fast retries, logging into ``log``.
  func options(
    retry: RetryPolicy = SandboxHarness.fastRetry, timeout: Duration = .seconds(5),
    now: @escaping @Sendable () -> Date = { Date() }
  ) -> ClientOptions {
    ClientOptions(
      timeout: timeout, retry: retry, logger: CollectingLogHandler.logger(into: log), now: now)
  }

  /// A WeChat client for the standard app (stable_token unless told otherwise).
  func wechat(
    _ source: TokenSource = .appCredentials(
      appID: SandboxHarness.appID, secret: SandboxHarness.secret),
    options: ClientOptions? = nil
  ) -> WeChatClient {
    WeChatClient(tokenSource: source, baseURL: server.baseURL, options: options ?? self.options())
  }

  /// A Weibo client with the standard token.
  func weibo(_ token: String = SandboxConfiguration.standardWeiboToken) -> WeiboClient {
    WeiboClient(tokenSource: .accessToken(token), baseURL: server.baseURL, options: options())
  }

  /// One raw HTTP exchange with the sandbox: the status and the body text.
  func raw(_ method: String, _ pathAndQuery: String, body: String? = nil) async throws -> (
    status: Int, body: String
  ) {
    let base = server.baseURL.absoluteString.dropLast()
    let url = try #require(URL(string: String(base) + pathAndQuery))
    var request = URLRequest(url: url)
    request.httpMethod = method
    if let body { request.httpBody = Data(body.utf8) }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  /// A token for the standard app, straight from `cgi-bin/stable_token` (the one a client using
  /// stable_token holds too).
  func stableToken() async throws -> String {
    let answer = try await raw(
      "POST", "/cgi-bin/stable_token",
      body: #"{"grant_type":"client_credential","appid":"wxsandbox","secret":"sandbox-secret"}"#)
    let json = try JSONParser.parse(Array(answer.body.utf8))
    guard case .string(let token)? = json["access_token"] else {
      throw HarnessError(message: "no token in \(answer.body)")
    }
    return token
  }

  /// The paths of the calls logged so far, in order.
  func calledPaths() async -> [String] {
    await server.calls().map(\.path)
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Collects log lines from any thread.
final class LineCollector: Sendable {
  private let stored = Mutex<[String]>([])

  func append(_ line: String) {
    stored.withLock { $0.append(line) }
  }

  var lines: [String] {
    stored.withLock { $0 }
  }
}

/// Menus for tests.
enum TestMenus {
  /// One click button and a parent with one view sub-button.
  static let basic = Menu(buttons: [
    .leaf("今日歌曲", .click, [.key: "V1001_TODAY_MUSIC"]),
    .parent("菜单", [.leaf("搜索", .view, [.url: "http://www.soso.com/"])]),
  ])

  /// A one-button conditional menu for `tag_id`.
  static func conditional(tag: String) -> Menu {
    Menu(
      buttons: [.leaf("tag \(tag)", .click, [.key: "TAG_\(tag)"])],
      matchRule: MatchRule([.tagID: tag]))
  }
}

/// A clock tests move forward.
final class TestClock: Sendable {
  private let current = Mutex(Date())

  func now() -> Date {
    current.withLock { $0 }
  }

  func advance(by seconds: TimeInterval) {
    current.withLock { $0 = $0.addingTimeInterval(seconds) }
  }
}
