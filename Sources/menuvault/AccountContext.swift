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

  /// Opens the vault and the named account, and builds its client from the account's settings
  /// and this process's environment (the only place credentials are read).
  ///
  /// - Parameter store: the vault when the command has it open already (one open vault per
  ///   process).
  static func open(_ name: String, vault: VaultOptions, store: VaultStore? = nil) async throws
    -> AccountContext
  {
    let store = try store ?? vault.openStore()
    let account = try await VaultAccess.run {
      try await Workflows(store: store).account(named: name)
    }
    let api = try WorkflowAccess.menuAPI(
      for: account, credentials: CredentialVariables(ProcessInfo.processInfo.environment))
    return AccountContext(store: store, account: account, api: api, vault: vault)
  }
}

extension WorkflowAccess {
  /// The account's menu API, or the library's refusal with this command line's hint after it.
  static func menuAPI(for account: Account, credentials: CredentialVariables) throws
    -> any MenuAPI
  {
    do {
      return try account.menuAPI(credentials: credentials)
    } catch let error as AccountClientError {
      throw failure(for: error)
    }
  }

  /// The library's refusal to build a client, with this command line's hint after it.
  static func failure(for error: AccountClientError) -> CommandFailure {
    let text = error.errorDescription ?? "\(error)"
    switch error {
    case .noCredentials:
      return CommandFailure(
        message: text + ": set the variable, or add the account with --token-command",
        exitCode: .usage)
    case .invalidBaseURL:
      return CommandFailure(message: text + ": give --api-base an http(s) URL", exitCode: .usage)
    }
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
