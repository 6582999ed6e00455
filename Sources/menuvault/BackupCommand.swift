import ArgumentParser
import Foundation
import MenuVault

/// `menuvault backup`: a consistent, verified copy of the vault.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract:
      "Copy the vault with SQLite's online backup (consistent while others write), then verify the copy."
  )

  @Argument(help: "The new file to write; it must not exist yet.")
  var destination: String

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let workflows = Workflows(store: try vault.openStore())
    let report = try await VaultAccess.run { try await workflows.backup(to: destination) }
    Terminal.line("backup \(destination): verified, \(report.summary)")
  }
}
