import ArgumentParser
import MenuVault

/// `menuvault account`: the accounts the vault keeps menus for.
struct AccountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account",
    abstract:
      "Add, list and remove accounts. Only where credentials are found is stored, never a secret.",
    subcommands: [Add.self, List.self, Remove.self]
  )

  /// `menuvault account add`.
  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an account (or complete one that import created).")

    @Argument(help: "The account's name, used with --account.")
    var name: String

    @Option(help: "The platform: wechat or weibo.")
    var platform: Platform

    @Option(help: "The WeChat appid or Weibo app key.")
    var appid: String

    @Option(help: "The API base URL, when not the platform's own (e.g. a sandbox).")
    var apiBase: String?

    @Option(help: "The environment variable holding the app secret (default MENUVAULT_APPSECRET).")
    var secretEnv: String?

    @Option(
      help: "The environment variable holding an access token (default MENUVAULT_ACCESS_TOKEN).")
    var tokenEnv: String?

    @Option(
      help: "A command that prints an access token, e.g. one that asks a central token service.")
    var tokenCommand: String?

    @Option(help: "A description for people.")
    var label: String?

    @OptionGroup var vault: VaultOptions

    func run() async throws {
      let store = try vault.openStore(creatingIfMissing: true)
      let settings = AccountSettings(
        platform: platform, appID: appid, label: label, apiBaseURL: apiBase,
        secretEnvironmentVariable: secretEnv, tokenEnvironmentVariable: tokenEnv,
        tokenCommand: tokenCommand)
      let account = try await VaultAccess.run {
        try await Workflows(store: store).addAccount(name: name, settings: settings)
      }
      Terminal.line("added account \(account.name): \(account.summary)")
    }
  }

  /// `menuvault account list`.
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the accounts.")

    @Flag(help: "Include removed accounts.")
    var all = false

    @OptionGroup var vault: VaultOptions

    func run() async throws {
      let workflows = Workflows(store: try vault.openStore())
      for account in try await VaultAccess.run({
        try await workflows.accounts(includeRemoved: all)
      }) {
        let removed = account.removedAt.map { "  (removed \($0.iso8601))" } ?? ""
        Terminal.line("\(account.name)  \(account.summary)\(removed)")
      }
    }
  }

  /// `menuvault account remove`.
  struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove an account; its snapshots stay in the vault.")

    @Argument(help: "The account's name.")
    var name: String

    @OptionGroup var vault: VaultOptions

    func run() async throws {
      let workflows = Workflows(store: try vault.openStore())
      try await VaultAccess.run { try await workflows.removeAccount(named: name) }
      Terminal.line("removed account \(name); its snapshots stay in the vault")
    }
  }
}

extension Account {
  /// `wechat appid wx123 via https://...  secret $MENUVAULT_APPSECRET`.
  var summary: String {
    var parts = [platform.rawValue]
    if let appID = settings.appID { parts.append("appid \(appID)") }
    if let base = settings.apiBaseURL { parts.append("api \(base)") }
    if settings.tokenCommand != nil {
      parts.append("token from command")
    } else if let variable = settings.tokenEnvironmentVariable {
      parts.append("token $\(variable)")
    } else {
      parts.append("secret $\(settings.secretVariable)")
    }
    if let label = settings.label { parts.append("\"\(label)\"") }
    return parts.joined(separator: "  ")
  }
}
