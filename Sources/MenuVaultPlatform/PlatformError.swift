import Foundation
import MenuVaultCore
import MenuVaultJSON

/// Why a call to WeChat or Weibo failed. Every case names the endpoint (`cgi-bin/menu/get`);
/// no case ever carries an access token or an app secret (see ``Redactor``).
public enum PlatformError: Error, Equatable, LocalizedError, CustomStringConvertible {
  /// WeChat answered `{"errcode": code, "errmsg": message}` with a non-zero code.
  case wechat(endpoint: String, code: Int, message: String)
  /// Weibo answered `{"request": ..., "error_code": code, "error": message}`.
  case weibo(endpoint: String, code: Int, message: String)
  /// The server answered with an HTTP status that carries no API error body.
  case httpStatus(endpoint: String, status: Int)
  /// No complete answer arrived within the timeout.
  case timedOut(endpoint: String, seconds: Double)
  /// The connection closed before the whole response arrived.
  case connectionLost(endpoint: String, reason: String)
  /// The request could not be sent at all (refused connection, unknown host, TLS failure).
  case unreachable(endpoint: String, reason: String)
  /// libcurl, which ``CurlTransport`` sends every request with, could not be loaded.
  case httpLibraryMissing(reason: String)
  /// The body ended inside its JSON document.
  case truncatedResponse(endpoint: String, byteCount: Int, reason: String)
  /// The body is not JSON, or not the shape the endpoint documents.
  case invalidResponse(endpoint: String, byteCount: Int, reason: String)
  /// The command that prints a token failed, or printed nothing.
  case tokenCommandFailed(command: String, reason: String)
  /// The token source cannot be used with this platform (Weibo has no app-secret exchange).
  case unsupportedTokenSource(platform: Platform, reason: String)
  /// The platform refused the credential for good: the access token (WeChat 40001, 42001,
  /// 40014; Weibo's invalid and expired token codes) after the one replacement its source
  /// allows, or the app id and secret (WeChat 40013, 40125, 40164). `code` and `message` are
  /// the platform's; `credential` says which credential and where it came from, as the caller
  /// described it (``ClientOptions/credentialOrigin``): `the access token from environment
  /// variable MENUVAULT_ACCESS_TOKEN`. Never the credential's value.
  case credentialRefused(
    platform: Platform, endpoint: String, code: Int, message: String, credential: String)

  /// The endpoint the failure happened on, when it happened on one.
  public var endpoint: String? {
    switch self {
    case .wechat(let endpoint, _, _), .weibo(let endpoint, _, _),
      .httpStatus(let endpoint, _), .timedOut(let endpoint, _),
      .connectionLost(let endpoint, _), .unreachable(let endpoint, _),
      .truncatedResponse(let endpoint, _, _), .invalidResponse(let endpoint, _, _),
      .credentialRefused(_, let endpoint, _, _, _):
      return endpoint
    case .httpLibraryMissing, .tokenCommandFailed, .unsupportedTokenSource:
      return nil
    }
  }

  /// The WeChat `errcode`, when WeChat answered with one.
  public var wechatErrorCode: Int? {
    switch self {
    case .wechat(_, let code, _), .credentialRefused(.wechat, _, let code, _, _): return code
    default: return nil
    }
  }

  /// The Weibo `error_code`, when Weibo answered with one.
  public var weiboErrorCode: Int? {
    switch self {
    case .weibo(_, let code, _), .credentialRefused(.weibo, _, let code, _, _): return code
    default: return nil
    }
  }

  /// One lowercase line: what failed, where, what the code means, and what to do.
  public var description: String {
    switch self {
    case .wechat(let endpoint, let code, let message):
      let meaning =
        WeChatErrorCode.meaning(of: code)
        ?? "a code MenuVault does not know: see WeChat's global error codes"
      return "\(endpoint) failed with errcode \(code) (\(quoted(message))): \(meaning)"
    case .weibo(let endpoint, let code, let message):
      let meaning = WeiboErrorCode.meaning(of: code).map { ": \($0)" } ?? ""
      return "\(endpoint) failed with Weibo error_code \(code) (\(quoted(message)))\(meaning)"
    case .httpStatus(let endpoint, let status):
      let hint = status >= 500 ? "the server failed: try again later" : "check the base URL"
      return "\(endpoint) answered HTTP \(status) without an API error body: \(hint)"
    case .timedOut(let endpoint, let seconds):
      return "\(endpoint) did not answer within \(Self.format(seconds)) s: "
        + "check the network or raise the timeout"
    case .connectionLost(let endpoint, let reason):
      return "the connection to \(endpoint) was lost before the response was complete "
        + "(\(reason))"
    case .unreachable(let endpoint, let reason):
      return "cannot reach \(endpoint) (\(reason)): check the base URL and the network"
    case .httpLibraryMissing(let reason):
      return
        "cannot send requests: \(reason); install libcurl (Debian and Ubuntu: "
        + "apt-get install libcurl4)"
    case .truncatedResponse(let endpoint, let byteCount, let reason):
      return "response from \(endpoint) ended after \(byteCount) bytes: \(reason)"
    case .invalidResponse(let endpoint, let byteCount, let reason):
      return "response from \(endpoint) (\(byteCount) bytes) is not what the API documents: "
        + reason
    case .tokenCommandFailed(let command, let reason):
      return "the token command \(quoted(command)) \(reason)"
    case .unsupportedTokenSource(let platform, let reason):
      return "this token source cannot be used with \(platform.rawValue): \(reason)"
    case .credentialRefused(let platform, let endpoint, let code, let message, let credential):
      let advice = Self.refusalAdvice(platform: platform, code: code)
      switch platform {
      case .wechat:
        return "\(endpoint) failed with errcode \(code) (\(quoted(message))): "
          + "WeChat refused \(credential): \(advice)"
      case .weibo:
        return "\(endpoint) failed with Weibo error_code \(code) (\(quoted(message))): "
          + "Weibo refused \(credential): \(advice)"
      }
    }
  }

  /// What to check when `platform` refuses a credential with `code`.
  private static func refusalAdvice(platform: Platform, code: Int) -> String {
    switch (platform, code) {
    case (.wechat, WeChatErrorCode.invalidCredential):
      return "check that it is a current WeChat access token for this account's app "
        + "(a Weibo token or another app's token is refused this way)"
    case (.wechat, WeChatErrorCode.accessTokenExpired):
      return "it has expired: replace it with a current one"
    case (.wechat, WeChatErrorCode.invalidAccessToken):
      return "check that it is a whole WeChat access token with nothing added "
        + "(a token from another platform is refused this way too)"
    case (.wechat, WeChatErrorCode.invalidAppID):
      return "check the app id on the platform's basic configuration page"
    case (.wechat, WeChatErrorCode.invalidAppSecret):
      return "check the secret on the platform's basic configuration page "
        + "(resetting it there makes the old one invalid)"
    case (.wechat, WeChatErrorCode.ipNotWhitelisted):
      return "add this machine's IP address to the account's IP whitelist on the platform"
    case (.wechat, _):
      return WeChatErrorCode.meaning(of: code) ?? "see WeChat's global error codes"
    case (.weibo, _):
      return "check that it is a current access token from this Weibo account's fan-service "
        + "development-mode page (a WeChat token or another account's token is refused this way)"
    }
  }

  /// Same as ``description``.
  public var errorDescription: String? { description }

  /// Whether the retry policy applies: busy (-1), quota (45009), HTTP 5xx, timeouts and lost
  /// connections, and Weibo's system and rate-limit codes.
  public var isRetryable: Bool {
    switch self {
    case .wechat(_, let code, _): return WeChatErrorCode.retryable.contains(code)
    case .weibo(_, let code, _): return WeiboErrorCode.retryable.contains(code)
    case .httpStatus(_, let status): return (500...599).contains(status)
    case .timedOut, .connectionLost: return true
    case .unreachable, .httpLibraryMissing, .truncatedResponse, .invalidResponse,
      .tokenCommandFailed, .unsupportedTokenSource, .credentialRefused:
      return false
    }
  }

  /// Whether to send a request again after this failure. A request that must not arrive twice
  /// (addconditional: a second would make a second menu) is sent again only after an API error
  /// body, which says the platform refused it; after an HTTP 5xx, a timeout or a lost
  /// connection the platform may have acted.
  public func allowsRetry(idempotent: Bool) -> Bool {
    guard isRetryable else { return false }
    switch self {
    case .wechat, .weibo: return true
    default: return idempotent
    }
  }

  /// Whether the server refused the access token, so a fresh one may help.
  public var isTokenRejection: Bool {
    switch self {
    case .wechat(_, let code, _), .credentialRefused(.wechat, _, let code, _, _):
      return WeChatErrorCode.tokenRejections.contains(code)
    case .weibo(_, let code, _), .credentialRefused(.weibo, _, let code, _, _):
      return WeiboErrorCode.tokenRejections.contains(code)
    default: return false
    }
  }

  /// This error with every text run through `redactor`.
  func scrubbed(by redactor: Redactor) -> PlatformError {
    let scrub: (String) -> String = { redactor.scrub($0) }
    switch self {
    case .wechat(let endpoint, let code, let message):
      return .wechat(endpoint: scrub(endpoint), code: code, message: scrub(message))
    case .weibo(let endpoint, let code, let message):
      return .weibo(endpoint: scrub(endpoint), code: code, message: scrub(message))
    case .httpStatus(let endpoint, let status):
      return .httpStatus(endpoint: scrub(endpoint), status: status)
    case .timedOut(let endpoint, let seconds):
      return .timedOut(endpoint: scrub(endpoint), seconds: seconds)
    case .connectionLost(let endpoint, let reason):
      return .connectionLost(endpoint: scrub(endpoint), reason: scrub(reason))
    case .unreachable(let endpoint, let reason):
      return .unreachable(endpoint: scrub(endpoint), reason: scrub(reason))
    case .httpLibraryMissing:
      return self
    case .truncatedResponse(let endpoint, let byteCount, let reason):
      return .truncatedResponse(
        endpoint: scrub(endpoint), byteCount: byteCount, reason: scrub(reason))
    case .invalidResponse(let endpoint, let byteCount, let reason):
      return .invalidResponse(
        endpoint: scrub(endpoint), byteCount: byteCount, reason: scrub(reason))
    case .tokenCommandFailed(let command, let reason):
      return .tokenCommandFailed(command: scrub(command), reason: scrub(reason))
    case .unsupportedTokenSource(let platform, let reason):
      return .unsupportedTokenSource(platform: platform, reason: scrub(reason))
    case .credentialRefused(let platform, let endpoint, let code, let message, let credential):
      return .credentialRefused(
        platform: platform, endpoint: scrub(endpoint), code: code, message: scrub(message),
        credential: scrub(credential))
    }
  }

  private func quoted(_ text: String) -> String {
    CanonicalJSON.string(.string(text))
  }

  static func format(_ seconds: Double) -> String {
    let rounded = (seconds * 1000).rounded() / 1000
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}

/// Weibo's error codes that matter to the menu clients (Weibo's global error-code page).
public enum WeiboErrorCode {
  /// System error, service unavailable, too many pending tasks, and the rate limits: retried.
  public static let retryable: Set<Int> = [10001, 10002, 10009, 10022, 10023, 10024]
  /// Token used, expired, revoked, rejected, or invalid: a fresh token may help.
  public static let tokenRejections: Set<Int> = [21314, 21315, 21316, 21317, 21319, 21327, 21332]

  /// What `code` means, one lowercase sentence; `nil` for a code this table does not know.
  public static func meaning(of code: Int) -> String? {
    switch code {
    case 10001, 10002: return "the Weibo service failed: try again later"
    case 10009: return "Weibo is busy: try again later"
    case 10016: return "a required parameter is missing"
    case 10017: return "a parameter's value is invalid"
    case 10022, 10023, 10024: return "the call rate limit is reached: try again later"
    case 21314, 21315, 21316, 21317, 21319, 21327, 21332:
      return "the access token is invalid, expired or revoked: get a new one from the "
        + "fan-service development-mode page"
    default: return nil
    }
  }
}
