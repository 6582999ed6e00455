import Foundation
import Logging
import MenuVaultCore
import MenuVaultJSON

/// Hands out an access token from a ``TokenSource``, reusing it until it is about to expire and
/// replacing it when the server refuses it. Every token it sees is registered with the redactor.
actor AccessTokenProvider {
  private let source: TokenSource
  private let caller: PlatformCaller
  private var cached: (token: String, replaceAfter: Date?)?
  private var inFlight: Task<FetchedToken, any Error>?

  init(source: TokenSource, caller: PlatformCaller) {
    self.source = source
    self.caller = caller
    switch source {
    case .accessToken(let token): caller.redactor.register(token)
    case .appCredentials(_, let secret, _): caller.redactor.register(secret)
    case .command: break
    }
  }

  /// Whether a refused token can be replaced by asking again.
  nonisolated var canRefresh: Bool {
    if case .accessToken = source { return false }
    return true
  }

  /// `failure` as the last word on this source's credential: when the caller said where the
  /// credential came from and the platform refused it, a
  /// ``PlatformError/credentialRefused(platform:endpoint:code:message:credential:)`` that names
  /// it; anything else as it is.
  nonisolated func attributed(_ failure: PlatformError) -> PlatformError {
    Self.attributed(failure, source: source, options: caller.options)
  }

  /// The token to use now: the cached one while it is fresh, else a new one.
  func token() async throws(PlatformError) -> String {
    if let cached, cached.replaceAfter.map({ caller.options.now() < $0 }) ?? true {
      return cached.token
    }
    return try await obtain(forceRefresh: false)
  }

  /// A replacement for `rejected`, which the server refused; `nil` when the source cannot give
  /// another one. A token some other call already replaced it with is returned as it is.
  ///
  /// - Parameter forceRefresh: whether app credentials ask `cgi-bin/stable_token` for a new token
  ///   even while the current one is valid; only after
  ///   ``WeChatErrorCode/forcedRefreshTriggers`` (40001, 42001), since forcing ends the token
  ///   every other holder of the app uses.
  func replacement(for rejected: String, forceRefresh: Bool) async throws(PlatformError)
    -> String?
  {
    guard canRefresh else { return nil }
    if let cached, cached.token != rejected {
      return cached.token
    }
    cached = nil
    return try await obtain(forceRefresh: forceRefresh)
  }

  private func obtain(forceRefresh: Bool) async throws(PlatformError) -> String {
    if let inFlight {
      return try await Self.value(of: inFlight).token
    }
    let source = self.source
    let caller = self.caller
    let task = Task { () async throws -> FetchedToken in
      try await Self.fetch(source: source, caller: caller, forceRefresh: forceRefresh)
    }
    inFlight = task
    defer { inFlight = nil }
    let fetched = try await Self.value(of: task)
    store(fetched)
    return fetched.token
  }

  private static func value(of task: Task<FetchedToken, any Error>) async throws(PlatformError)
    -> FetchedToken
  {
    do {
      return try await task.value
    } catch let error as PlatformError {
      throw error
    } catch {
      throw .unreachable(endpoint: "access token", reason: error.localizedDescription)
    }
  }

  /// Stores a freshly fetched token.
  private func store(_ fetched: FetchedToken) {
    let replaceAfter = fetched.expiresIn.map { seconds -> Date in
      let margin = caller.options.tokenExpiryMargin.timeInterval
      let usable = seconds > margin ? seconds - margin : seconds / 2
      return caller.options.now().addingTimeInterval(usable)
    }
    cached = (fetched.token, replaceAfter)
  }

  private static func fetch(source: TokenSource, caller: PlatformCaller, forceRefresh: Bool)
    async throws(PlatformError) -> FetchedToken
  {
    let fetched: FetchedToken
    switch source {
    case .accessToken(let token):
      fetched = FetchedToken(token: token, expiresIn: nil)
    case .command(let command, let environment):
      do {
        fetched = FetchedToken(
          token: try await TokenCommand.run(
            command, environment: environment, timeout: caller.options.tokenCommandTimeout),
          expiresIn: nil)
      } catch {
        throw error.scrubbed(by: caller.redactor)
      }
      caller.redactor.register(fetched.token)
      caller.log(.info, "token command: obtained an access token")
    case .appCredentials(let appID, let secret, let endpoint):
      fetched = try await exchange(
        appID: appID, secret: secret, endpoint: endpoint, forceRefresh: forceRefresh,
        caller: caller)
    }
    return fetched
  }

  private static func exchange(
    appID: String, secret: String, endpoint: TokenEndpoint, forceRefresh: Bool,
    caller: PlatformCaller
  ) async throws(PlatformError) -> FetchedToken {
    let request: PlatformRequest
    switch endpoint {
    case .stableToken:
      let body = JSONValue.object([
        JSONMember("grant_type", .string("client_credential")),
        JSONMember("appid", .string(appID)),
        JSONMember("secret", .string(secret)),
        JSONMember("force_refresh", .bool(forceRefresh)),
      ])
      request = PlatformRequest(
        method: "POST", endpoint: endpoint.rawValue, body: WireFormat.json(body),
        contentType: "application/json")
    case .token:
      request = PlatformRequest(
        method: "GET", endpoint: endpoint.rawValue,
        query: [("grant_type", "client_credential"), ("appid", appID), ("secret", secret)])
    }
    let outcome = try await caller.send(request)
    if let failure = outcome.failure {
      throw attributed(
        failure, source: .appCredentials(appID: appID, secret: secret, endpoint: endpoint),
        options: caller.options)
    }
    guard case .string(let token)? = outcome.json?["access_token"], !token.isEmpty else {
      throw PlatformError.invalidResponse(
        endpoint: endpoint.rawValue, byteCount: outcome.exchange.body.count,
        reason: "no \"access_token\" string")
    }
    caller.redactor.register(token)
    var expiresIn: Double?
    if case .number(let seconds)? = outcome.json?["expires_in"], seconds > 0 {
      expiresIn = seconds
    }
    caller.log(
      .info,
      "\(endpoint.rawValue): obtained an access token for \(appID)"
        + (expiresIn.map { ", expires in \(PlatformError.format($0)) s" } ?? "")
        + (forceRefresh && endpoint == .stableToken ? " (force_refresh)" : ""),
      endpoint: endpoint.rawValue)
    return FetchedToken(token: token, expiresIn: expiresIn)
  }
}

extension AccessTokenProvider {
  /// See ``attributed(_:)``: WeChat's and Weibo's token codes for a given token or a token
  /// command; WeChat's app-credential codes (40013, 40125, 40164) for app credentials. A token
  /// fetched with app credentials that is refused even after a forced refresh stays a plain
  /// WeChat error: the credentials worked, so their origin is not what to check.
  static func attributed(_ failure: PlatformError, source: TokenSource, options: ClientOptions)
    -> PlatformError
  {
    guard let origin = options.credentialOrigin else { return failure }
    let answer: (platform: Platform, endpoint: String, code: Int, message: String)
    switch failure {
    case .wechat(let endpoint, let code, let message): answer = (.wechat, endpoint, code, message)
    case .weibo(let endpoint, let code, let message): answer = (.weibo, endpoint, code, message)
    default: return failure
    }
    let credential: String
    switch source {
    case .accessToken, .command:
      let tokenCodes =
        answer.platform == .wechat
        ? WeChatErrorCode.tokenRejections : WeiboErrorCode.tokenRejections
      guard tokenCodes.contains(answer.code) else { return failure }
      credential = "the access token from \(origin)"
    case .appCredentials(let appID, _, _):
      guard answer.platform == .wechat,
        WeChatErrorCode.credentialRejections.contains(answer.code)
      else { return failure }
      credential = "app id \(appID) with the secret from \(origin)"
    }
    return PlatformError.credentialRefused(
      platform: answer.platform, endpoint: answer.endpoint, code: answer.code,
      message: answer.message, credential: credential
    ).scrubbed(by: options.redactor)
  }
}

/// A token as a source gave it, with its lifetime in seconds when the source said.
struct FetchedToken: Sendable {
  var token: String
  var expiresIn: Double?
}
