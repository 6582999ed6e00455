import MenuVaultStore

/// One account as `--json` lists it (snake_case keys): where its credentials are found, never a
/// credential, and not its token command's text (it may carry a secret of its own).
public struct AccountEntry: Sendable, Equatable, Codable {
  /// The account's name.
  public var name: String
  /// `wechat` or `weibo`.
  public var platform: Platform
  /// The WeChat appid or Weibo app key; `null` for an account only imported snapshots created.
  public var appID: String?
  /// The API base URL, when not the platform's own.
  public var apiBase: String?
  /// The name of the variable holding the app secret, as stored (`null`: the default,
  /// `MENUVAULT_APPSECRET`).
  public var secretEnvironmentVariable: String?
  /// The name of the variable holding an access token, as stored (`null`: the default,
  /// `MENUVAULT_ACCESS_TOKEN`).
  public var tokenEnvironmentVariable: String?
  /// Whether a token command gives the account's token.
  public var hasTokenCommand: Bool
  /// A description for people.
  public var label: String?
  /// When the account was added (in JSON: ISO-8601 UTC with milliseconds).
  public var createdAt: String
  /// When it was removed; `null` while active.
  public var removedAt: String?

  enum CodingKeys: String, CodingKey {
    case name, platform, label
    case appID = "appid"
    case apiBase = "api_base"
    case secretEnvironmentVariable = "secret_env"
    case tokenEnvironmentVariable = "token_env"
    case hasTokenCommand = "has_token_command"
    case createdAt = "created_at"
    case removedAt = "removed_at"
  }

  /// The entry for `account`.
  public init(_ account: Account) {
    name = account.name
    platform = account.platform
    appID = account.settings.appID
    apiBase = account.settings.apiBaseURL
    secretEnvironmentVariable = account.settings.secretEnvironmentVariable
    tokenEnvironmentVariable = account.settings.tokenEnvironmentVariable
    hasTokenCommand = account.settings.tokenCommand != nil
    label = account.settings.label
    createdAt = account.createdAt.iso8601
    removedAt = account.removedAt?.iso8601
  }

  /// Encodes every key, `null` for a setting not given.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(platform, forKey: .platform)
    try container.encode(appID, forKey: .appID)
    try container.encode(apiBase, forKey: .apiBase)
    try container.encode(secretEnvironmentVariable, forKey: .secretEnvironmentVariable)
    try container.encode(tokenEnvironmentVariable, forKey: .tokenEnvironmentVariable)
    try container.encode(hasTokenCommand, forKey: .hasTokenCommand)
    try container.encode(label, forKey: .label)
    try container.encode(createdAt, forKey: .createdAt)
    try container.encode(removedAt, forKey: .removedAt)
  }
}
