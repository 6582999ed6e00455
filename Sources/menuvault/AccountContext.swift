import ArgumentParser
import Foundation
import MenuVault

#if canImport(Glibc)
  import Glibc
#endif

/// An account opened for a workflow: the vault, the account, and an API client built from the
/// account's settings and the environment (the only place credentials are read).
struct AccountContext {
  var store: VaultStore
  var account: Account
  var api: any MenuAPI
  /// The vault options the command was given, for hints that repeat them.
  var vault: VaultOptions

  var workflows: Workflows { Workflows(store: store) }

  /// `pid 4242 on host`: who holds a lock this process takes.
  static var holder: String {
    "pid \(ProcessInfo.processInfo.processIdentifier) on \(ProcessInfo.processInfo.hostName)"
  }

  /// Opens the vault and the named account, and builds its client.
  static func open(_ name: String, vault: VaultOptions) throws -> AccountContext {
    let store = try vault.openStore()
    let account = try VaultAccess.run {
      guard let account = try store.account(named: name) else {
        throw VaultStoreError.accountNotFound(name: name)
      }
      return account
    }
    return AccountContext(
      store: store, account: account, api: try makeAPI(for: account), vault: vault)
  }

  /// The client for an account: a token command, else a token in the environment, else the app
  /// secret in the environment (WeChat's `cgi-bin/stable_token`).
  static func makeAPI(for account: Account) throws -> any MenuAPI {
    let settings = account.settings
    let environment = ProcessInfo.processInfo.environment
    let tokenVariable = settings.tokenEnvironmentVariable ?? "MENUVAULT_ACCESS_TOKEN"
    let secretVariable = settings.secretEnvironmentVariable ?? "MENUVAULT_APPSECRET"
    let source: TokenSource
    // Where the credential came from, named when the platform refuses it (never its value).
    let origin: String
    if let command = settings.tokenCommand {
      source = .command(command)
      // Not the command's text: it may carry a secret of its own.
      origin = "the token command of account \(account.name)"
    } else if let token = environment[tokenVariable], !token.isEmpty {
      source = .accessToken(token)
      origin = "environment variable \(tokenVariable)"
    } else if let secret = environment[secretVariable], !secret.isEmpty, let appID = settings.appID,
      account.platform == .wechat
    {
      source = .appCredentials(appID: appID, secret: secret)
      origin = "environment variable \(secretVariable)"
    } else {
      let needs =
        account.platform == .wechat
        ? "set \(secretVariable) (the app secret) or \(tokenVariable) (an access token)"
        : "set \(tokenVariable) (the Weibo access token)"
      throw CommandFailure(
        message:
          "account \(account.name) has no credentials: \(needs), or add it with --token-command",
        exitCode: .usage)
    }
    let redactor = Redactor(
      secrets: [environment[tokenVariable], environment[secretVariable]].compactMap { $0 })
    let options = ClientOptions(redactor: redactor, credentialOrigin: origin)
    switch account.platform {
    case .wechat:
      let base = try baseURL(settings.apiBaseURL, default: WeChatClient.defaultBaseURL)
      return WeChatMenuAPI(
        client: WeChatClient(tokenSource: source, baseURL: base, options: options))
    case .weibo:
      let base = try baseURL(settings.apiBaseURL, default: WeiboClient.defaultBaseURL)
      return WeiboMenuAPI(client: WeiboClient(tokenSource: source, baseURL: base, options: options))
    }
  }

  static func baseURL(_ text: String?, default fallback: URL) throws -> URL {
    guard let text else { return fallback }
    guard var url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
      throw CommandFailure(message: "api base '\(text)' is not an http(s) URL", exitCode: .usage)
    }
    if !url.absoluteString.hasSuffix("/") { url = URL(string: url.absoluteString + "/") ?? url }
    return url
  }
}

/// Asks before a change unless `--yes`; refuses when nobody can answer.
enum Confirmation {
  static func ask(_ question: String, yes: Bool) throws {
    if yes { return }
    guard isatty(STDIN_FILENO) == 1 else {
      throw CommandFailure(
        message: "\(question): not on a terminal, so nobody can confirm; pass --yes",
        exitCode: .usage)
    }
    FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
    guard answer == "y" || answer == "yes" else {
      throw CommandFailure(message: "not confirmed: nothing was changed", exitCode: .failure)
    }
  }
}
