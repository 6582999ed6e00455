import Foundation
import MenuVaultStore

/// A setting of an account, by the name a CSV of accounts gives its column (the command line
/// names its options the same way).
public enum AccountField: String, Sendable, Equatable, CaseIterable {
  /// The account's name.
  case name
  /// `wechat` or `weibo`.
  case platform
  /// The WeChat appid or Weibo app key.
  case appID = "appid"
  /// The API base URL, when not the platform's own.
  case apiBase = "api-base"
  /// The environment variable holding the app secret.
  case secretEnvironmentVariable = "secret-env"
  /// The environment variable holding an access token.
  case tokenEnvironmentVariable = "token-env"
  /// The command that prints an access token.
  case tokenCommand = "token-command"
  /// A description for people.
  case label

  /// The fields an account cannot do without: name, platform and appid.
  public static let required: [AccountField] = [.name, .platform, .appID]

  /// What `settings` holds for this field, as text (`nil` for the name, which settings do not
  /// hold, and for a setting not given).
  func value(in settings: AccountSettings) -> String? {
    switch self {
    case .name: return nil
    case .platform: return settings.platform.rawValue
    case .appID: return settings.appID
    case .apiBase: return settings.apiBaseURL
    case .secretEnvironmentVariable: return settings.secretEnvironmentVariable
    case .tokenEnvironmentVariable: return settings.tokenEnvironmentVariable
    case .tokenCommand: return settings.tokenCommand
    case .label: return settings.label
    }
  }
}

/// Why an account's settings cannot be stored: the checks every way of adding an account runs
/// before it writes anything.
public enum AccountSettingsError: Error, Equatable, LocalizedError {
  /// The account has no app id (WeChat appid, Weibo app key).
  case noAppID(account: String)
  /// The API base is not an http(s) URL with a host.
  case invalidBaseURL(account: String, text: String)
  /// A credential variable's name is not one a shell can set.
  case invalidVariableName(account: String, field: AccountField, name: String)
  /// The token command is empty.
  case emptyTokenCommand(account: String)

  /// The setting that is wrong.
  public var field: AccountField {
    switch self {
    case .noAppID: return .appID
    case .invalidBaseURL: return .apiBase
    case .invalidVariableName(_, let field, _): return field
    case .emptyTokenCommand: return .tokenCommand
    }
  }

  /// One lowercase line.
  public var errorDescription: String? {
    switch self {
    case .noAppID(let account):
      return "account \(account) has no app id: every account needs its WeChat appid or Weibo "
        + "app key"
    case .invalidBaseURL(let account, let text):
      return "account \(account): the api base '\(text)' is not an http(s) URL with a host"
    case .invalidVariableName(let account, _, let name):
      return "account \(account): '\(name)' is not an environment variable name (letters, digits "
        + "and underscores, not starting with a digit)"
    case .emptyTokenCommand(let account):
      return "account \(account): the token command is empty"
    }
  }
}

extension AccountSettings {
  /// Checks settings about to be stored for the account `name`: an app id, an http(s) API base
  /// with a host, credential variable names a shell can set, a token command that is not empty.
  ///
  /// - Throws: ``AccountSettingsError``, for the first setting in ``AccountField`` order that
  ///   fails.
  public func check(account name: String) throws(AccountSettingsError) {
    guard let appID, !appID.isEmpty else { throw .noAppID(account: name) }
    if let apiBaseURL {
      guard let url = URL(string: apiBaseURL), url.scheme == "http" || url.scheme == "https",
        let host = url.host, !host.isEmpty
      else { throw .invalidBaseURL(account: name, text: apiBaseURL) }
    }
    let variables: [(AccountField, String?)] = [
      (.secretEnvironmentVariable, secretEnvironmentVariable),
      (.tokenEnvironmentVariable, tokenEnvironmentVariable),
    ]
    for case (let field, let variable?) in variables where !Self.isVariableName(variable) {
      throw .invalidVariableName(account: name, field: field, name: variable)
    }
    if let tokenCommand, tokenCommand.allSatisfy(\.isWhitespace) {
      throw .emptyTokenCommand(account: name)
    }
  }

  /// Whether `text` is a POSIX shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
  static func isVariableName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
  }
}
