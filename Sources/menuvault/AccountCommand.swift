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
      abstract: "Add an account (or complete one that import created), or many from a CSV file.",
      discussion: """
        With --from FILE, every row of the CSV file is an account: its first line names the \
        columns after this command's options (name, platform, appid, api-base, secret-env, \
        token-env, token-command, label; name, platform and appid are required, the order is \
        free). Every row is checked before anything is written, and the file is added in one \
        transaction: a bad row is named by line and column and nothing is added. A row identical \
        to an account the vault has is skipped; one that differs is refused unless --update.
        """)

    @Argument(help: "The account's name, used with --account.")
    var name: String?

    @Option(help: "The platform: wechat or weibo.")
    var platform: Platform?

    @Option(help: "The WeChat appid or Weibo app key.")
    var appid: String?

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

    @Option(
      help: ArgumentHelp(
        "Add every account of this CSV file (- reads standard input) instead of one.",
        valueName: "file"))
    var from: String?

    @Flag(help: "With --from, replace the settings of accounts the vault has that differ.")
    var update = false

    @OptionGroup var vault: VaultOptions

    func validate() throws {
      guard from == nil else {
        let single: [(String, Bool)] = [
          ("NAME", name != nil), ("--platform", platform != nil), ("--appid", appid != nil),
          ("--api-base", apiBase != nil), ("--secret-env", secretEnv != nil),
          ("--token-env", tokenEnv != nil), ("--token-command", tokenCommand != nil),
          ("--label", label != nil),
        ]
        if let given = single.first(where: \.1) {
          throw ValidationError("--from reads every setting from the file: leave out \(given.0)")
        }
        return
      }
      if update { throw ValidationError("--update goes with --from") }
      guard name != nil, platform != nil, appid != nil else {
        throw ValidationError("give NAME, --platform and --appid, or --from FILE")
      }
    }

    func run() async throws {
      if let from {
        try await AccountImportRunner(path: from, updating: update, vault: vault).run()
        return
      }
      guard let name, let platform else { return }
      let settings = AccountSettings(
        platform: platform, appID: appid, label: label, apiBaseURL: apiBase,
        secretEnvironmentVariable: secretEnv, tokenEnvironmentVariable: tokenEnv,
        tokenCommand: tokenCommand)
      // Checked before the vault is opened: bad settings leave no new vault file behind.
      do {
        try settings.check(account: name)
      } catch {
        throw AccountImportRunner.failure(for: error)
      }
      let store = try vault.openStore(creatingIfMissing: true)
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

    @Flag(
      help:
        "Print a JSON array of objects with the keys api_base, appid, created_at, has_token_command, label, name, platform, removed_at, secret_env, token_env."
    )
    var json = false

    @OptionGroup var vault: VaultOptions

    func run() async throws {
      let workflows = Workflows(store: try vault.openStore())
      let accounts = try await VaultAccess.run {
        try await workflows.accounts(includeRemoved: all)
      }
      if json {
        try Terminal.json(accounts.map(AccountEntry.init))
        return
      }
      for account in accounts {
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
