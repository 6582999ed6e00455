import Foundation
import MenuVaultCore
import MenuVaultPlatform
import MenuVaultStore

/// Named credential values the frontend hands over: a command line passes its process
/// environment, a server app its secret store. The library never reads the environment itself.
public struct CredentialVariables: Sendable {
  /// The values by name.
  public var values: [String: String]

  /// Wraps named values (`["MENUVAULT_APPSECRET": "..."]`).
  public init(_ values: [String: String]) { self.values = values }

  /// The non-empty value named `name`.
  public subscript(name: String) -> String? {
    values[name].flatMap { $0.isEmpty ? nil : $0 }
  }
}

/// Why an account's client could not be built.
public enum AccountClientError: Error, Equatable, LocalizedError {
  /// None of the account's credential sources holds a value.
  case noCredentials(
    account: String, platform: Platform, tokenVariable: String, secretVariable: String)
  /// The account's API base is not an http(s) URL.
  case invalidBaseURL(account: String, text: String)

  /// One lowercase line.
  public var errorDescription: String? {
    switch self {
    case .noCredentials(let account, let platform, let token, let secret):
      let needs =
        platform == .wechat
        ? "\(secret) (the app secret) or \(token) (an access token) holds nothing"
        : "\(token) (the Weibo access token) holds nothing"
      return "account \(account) has no credentials: \(needs), and it has no token command"
    case .invalidBaseURL(let account, let text):
      return "account \(account): api base '\(text)' is not an http(s) URL"
    }
  }
}

extension AccountSettings {
  /// The variable an account's access token is read from when it names none.
  public static let defaultTokenVariable = "MENUVAULT_ACCESS_TOKEN"
  /// The variable an account's app secret is read from when it names none.
  public static let defaultSecretVariable = "MENUVAULT_APPSECRET"

  /// The variable this account's access token is read from.
  public var tokenVariable: String { tokenEnvironmentVariable ?? Self.defaultTokenVariable }
  /// The variable this account's app secret is read from.
  public var secretVariable: String { secretEnvironmentVariable ?? Self.defaultSecretVariable }
}

extension Account {
  /// The menu API for this account, with its credentials found in this order: the account's
  /// token command, else an access token in its token variable, else (WeChat) its app id with the
  /// app secret in its secret variable, exchanged through `cgi-bin/stable_token`.
  ///
  /// The token command runs with the account's name in `MENUVAULT_ACCOUNT` and its app id in
  /// `MENUVAULT_APPID` added to the environment it inherits, so one command line (say, one that
  /// asks a third-party platform's token service) serves every account.
  ///
  /// The values found are registered with `options.redactor`, so no error or log line shows them,
  /// and a refused credential is named by where it came from, never by its value.
  ///
  /// - Throws: ``AccountClientError``.
  public func menuAPI(credentials: CredentialVariables, options: ClientOptions = ClientOptions())
    throws -> any MenuAPI
  {
    let tokenVariable = settings.tokenVariable
    let secretVariable = settings.secretVariable
    let source: TokenSource
    // Where the credential came from, named when the platform refuses it (never its value).
    let origin: String
    if let command = settings.tokenCommand {
      var environment = [TokenCommand.accountVariable: name]
      if let appID = settings.appID { environment[TokenCommand.appIDVariable] = appID }
      source = .command(command, environment: environment)
      // Not the command's text: it may carry a secret of its own.
      origin = "the token command of account \(name)"
    } else if let token = credentials[tokenVariable] {
      source = .accessToken(token)
      origin = "environment variable \(tokenVariable)"
    } else if let secret = credentials[secretVariable], let appID = settings.appID,
      platform == .wechat
    {
      source = .appCredentials(appID: appID, secret: secret)
      origin = "environment variable \(secretVariable)"
    } else {
      throw AccountClientError.noCredentials(
        account: name, platform: platform, tokenVariable: tokenVariable,
        secretVariable: secretVariable)
    }
    var options = options
    for secret in [credentials[tokenVariable], credentials[secretVariable]].compactMap({ $0 }) {
      options.redactor.register(secret)
    }
    options.credentialOrigin = origin
    switch platform {
    case .wechat:
      let base = try baseURL(default: WeChatClient.defaultBaseURL)
      return WeChatMenuAPI(
        client: WeChatClient(tokenSource: source, baseURL: base, options: options))
    case .weibo:
      let base = try baseURL(default: WeiboClient.defaultBaseURL)
      return WeiboMenuAPI(client: WeiboClient(tokenSource: source, baseURL: base, options: options))
    }
  }

  /// The account's API base (ending in `/`), or `fallback` when it has none.
  private func baseURL(default fallback: URL) throws -> URL {
    guard let text = settings.apiBaseURL else { return fallback }
    guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
      throw AccountClientError.invalidBaseURL(account: name, text: text)
    }
    if url.absoluteString.hasSuffix("/") { return url }
    return URL(string: url.absoluteString + "/") ?? url
  }
}
