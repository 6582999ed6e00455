import Foundation

/// What a ``SandboxServer`` listens on and which credentials it accepts.
public struct SandboxConfiguration: Sendable {
  /// A WeChat app the sandbox knows: its id and secret.
  public struct App: Sendable, Equatable {
    /// The app id (`appid`).
    public var appID: String
    /// The app secret.
    public var secret: String

    /// Creates an app.
    public init(appID: String, secret: String) {
      self.appID = appID
      self.secret = secret
    }

    /// Reads `APPID:SECRET`; `nil` when either part is empty.
    public init?(argument: String) {
      guard let colon = argument.firstIndex(of: ":") else { return nil }
      let appID = String(argument[..<colon])
      let secret = String(argument[argument.index(after: colon)...])
      guard !appID.isEmpty, !secret.isEmpty else { return nil }
      self.init(appID: appID, secret: secret)
    }

    /// `wxsandbox:sandbox-secret`, the app the sandbox knows when none is given.
    public static let standard = App(appID: "wxsandbox", secret: "sandbox-secret")
  }

  /// The address to bind: an IPv4 or IPv6 literal, or `localhost` for 127.0.0.1.
  public var host: String
  /// The port; 0 picks a free one (``SandboxServer/port`` reports it).
  public var port: UInt16
  /// The WeChat apps whose id and secret `cgi-bin/token` and `cgi-bin/stable_token` accept.
  public var apps: [App]
  /// The access tokens the Weibo endpoints accept.
  public var weiboTokens: [String]
  /// The `expires_in` of issued WeChat tokens, in seconds.
  public var tokenLifetime: Int
  /// The daily call quotas each WeChat app has (WeChat's own by default).
  public var quotas: SandboxQuotas
  /// Receives one scrubbed line per API call; `nil` logs nothing.
  public var log: (@Sendable (String) -> Void)?

  /// The user every app knows from the start, for `cgi-bin/menu/trymatch`.
  public static let standardUserID = "sandbox-user"
  /// The Weibo token accepted when none is given.
  public static let standardWeiboToken = "weibo-sandbox-token"

  /// Creates a configuration; the defaults are 127.0.0.1, a free port, `wxsandbox:sandbox-secret`,
  /// `weibo-sandbox-token` and WeChat's daily quotas.
  public init(
    host: String = "127.0.0.1", port: UInt16 = 0, apps: [App] = [.standard],
    weiboTokens: [String] = [SandboxConfiguration.standardWeiboToken], tokenLifetime: Int = 7200,
    quotas: SandboxQuotas = .wechat, log: (@Sendable (String) -> Void)? = nil
  ) {
    self.host = host
    self.port = port
    self.apps = apps.isEmpty ? [.standard] : apps
    self.weiboTokens = weiboTokens.isEmpty ? [Self.standardWeiboToken] : weiboTokens
    self.tokenLifetime = tokenLifetime
    self.quotas = quotas
    self.log = log
  }
}

/// How many calls a day each WeChat app may make to the endpoints that have a quota of their own;
/// the call past the quota answers 45009 `reach max api daily quota limit` and is not carried out.
///
/// The counts restart at midnight Beijing time, as WeChat's do, and on reset.
public struct SandboxQuotas: Sendable, Equatable {
  /// An endpoint with a daily quota, named as `/sandbox/quota` names it.
  public enum Endpoint: String, Sendable, Equatable, CaseIterable {
    /// `POST cgi-bin/menu/addconditional`.
    case addConditional = "addconditional"
    /// `POST cgi-bin/menu/delconditional`.
    case deleteConditional = "delconditional"
    /// `POST cgi-bin/menu/trymatch`.
    case tryMatch = "trymatch"

    /// The endpoint's path, e.g. `/cgi-bin/menu/trymatch`.
    public var path: String { "/cgi-bin/menu/" + rawValue }

    /// The endpoint at `path`, or `nil` when that path has no quota here.
    public init?(path: String) {
      guard let endpoint = Self.allCases.first(where: { $0.path == path }) else { return nil }
      self = endpoint
    }
  }

  /// Calls to `cgi-bin/menu/addconditional` per day.
  public var addConditional: Int
  /// Calls to `cgi-bin/menu/delconditional` per day.
  public var deleteConditional: Int
  /// Calls to `cgi-bin/menu/trymatch` per day.
  public var tryMatch: Int

  /// Creates quotas; the defaults are WeChat's.
  public init(addConditional: Int = 2000, deleteConditional: Int = 2000, tryMatch: Int = 20000) {
    self.addConditional = addConditional
    self.deleteConditional = deleteConditional
    self.tryMatch = tryMatch
  }

  /// WeChat's quotas per account and day: addconditional 2000, delconditional 2000, trymatch
  /// 20000 (the current addconditional page).
  public static let wechat = SandboxQuotas()

  /// The quota of `endpoint`.
  public subscript(endpoint: Endpoint) -> Int {
    get {
      switch endpoint {
      case .addConditional: return addConditional
      case .deleteConditional: return deleteConditional
      case .tryMatch: return tryMatch
      }
    }
    set {
      switch endpoint {
      case .addConditional: addConditional = newValue
      case .deleteConditional: deleteConditional = newValue
      case .tryMatch: tryMatch = newValue
      }
    }
  }
}

/// Why the sandbox could not start or refused a control request.
public enum SandboxError: Error, Equatable, LocalizedError, CustomStringConvertible {
  /// `--host` is not an IP address literal.
  case invalidHost(String)
  /// Binding or listening failed.
  case cannotListen(host: String, port: UInt16, reason: String)
  /// A control request named an app the sandbox does not know.
  case unknownApp(String)
  /// A control request's body or parameters are wrong.
  case invalidControlRequest(path: String, reason: String)

  /// One lowercase line saying what is wrong.
  public var description: String {
    switch self {
    case .invalidHost(let host):
      return "host \"\(host)\" is not an IPv4 or IPv6 address: use 127.0.0.1, ::1 or 0.0.0.0"
    case .cannotListen(let host, let port, let reason):
      return "cannot listen on \(host) port \(port): \(reason)"
    case .unknownApp(let appID):
      return "the sandbox knows no app \"\(appID)\": start it with --app \(appID):SECRET"
    case .invalidControlRequest(let path, let reason):
      return "\(path): \(reason)"
    }
  }

  /// Same as ``description``.
  public var errorDescription: String? { description }
}
