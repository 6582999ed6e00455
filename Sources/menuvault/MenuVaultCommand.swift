import ArgumentParser
import Foundation
import MenuVault

/// The `menuvault` command: a thin frontend over the MenuVault library.
@main
struct MenuVaultCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "menuvault",
    abstract: "Keep every version of a WeChat or Weibo custom menu, and roll back in one command.",
    version: MenuVaultVersion.current,
    subcommands: [
      DemoCommand.self, NormalizeCommand.self, HashCommand.self, CanonicalizeCommand.self,
      LintCommand.self,
      ImportCommand.self, HistoryCommand.self, ShowCommand.self, DiffCommand.self,
      ExportCommand.self, RestoreCommand.self, BackupCommand.self, VerifyCommand.self,
      PruneCommand.self,
      AccountCommand.self, PullCommand.self, PublishCommand.self, RollbackCommand.self,
      StatusCommand.self, DeleteCommand.self, UnlockCommand.self, RepliesCommand.self,
      SandboxCommand.self, ServeCommand.self,
    ]
  )

  /// `--db` before the subcommand (`menuvault --db X history`): every vault command reads it
  /// through ``VaultOptions`` when its own `--db` is not given.
  @OptionGroup(visibility: .hidden) var vault: VaultOptions

  func validate() throws {
    VaultOptions.leading.withLock { $0 = vault.databasePath }
  }

  /// Runs the command line, turning ``CommandFailure`` into its one line and exit code.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let failure as CommandFailure {
      Terminal.error(failure.message)
      Foundation.exit(failure.exitCode.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}
