import MenuVaultCore

/// How to reach an account's platform. Holds where credentials are found, never a credential.
public struct AccountSettings: Sendable, Equatable {
  /// Whose menu API the account speaks.
  public var platform: Platform
  /// The platform's app id (WeChat `appid`, Weibo app key), when known.
  public var appID: String?
  /// A description for people.
  public var label: String?
  /// The base URL of the platform API when it is not the platform's own (a sandbox).
  public var apiBaseURL: String?
  /// The name of the environment variable that holds the app secret.
  public var secretEnvironmentVariable: String?
  /// The name of the environment variable that holds an access token.
  public var tokenEnvironmentVariable: String?
  /// A command that prints an access token (its output is never stored).
  public var tokenCommand: String?

  /// Creates account settings; everything but the platform is optional.
  public init(
    platform: Platform, appID: String? = nil, label: String? = nil, apiBaseURL: String? = nil,
    secretEnvironmentVariable: String? = nil, tokenEnvironmentVariable: String? = nil,
    tokenCommand: String? = nil
  ) {
    self.platform = platform
    self.appID = appID
    self.label = label
    self.apiBaseURL = apiBaseURL
    self.secretEnvironmentVariable = secretEnvironmentVariable
    self.tokenEnvironmentVariable = tokenEnvironmentVariable
    self.tokenCommand = tokenCommand
  }
}

/// An account the vault keeps menus for.
public struct Account: Sendable, Equatable {
  /// The account's row id.
  public var id: Int64
  /// The unique name given with `--account`.
  public var name: String
  /// The platform and where to find credentials.
  public var settings: AccountSettings
  /// When the account was added (by `account add`, or by the first snapshot recorded for it).
  public var createdAt: Timestamp
  /// When the account was removed; `nil` while active. A removed account's snapshots stay.
  public var removedAt: Timestamp?

  /// The account's platform.
  public var platform: Platform { settings.platform }
}
