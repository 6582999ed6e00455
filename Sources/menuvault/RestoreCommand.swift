import ArgumentParser
import Foundation
import MenuVault

/// `menuvault restore`: import an export into a vault.
struct RestoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract:
      "Import an export file into the vault, verifying every hash; restoring twice adds nothing.",
    discussion:
      "A line whose hashes do not match its bytes is refused by its line number, and nothing is written."
  )

  @Argument(help: "The NDJSON export to restore, or - for standard input.")
  var path: String

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let input = try InputDocument.read(path)
    let workflows = Workflows(store: try vault.openStore(creatingIfMissing: true))
    let report = try await VaultAccess.run {
      do {
        return try await workflows.restore(from: input.bytes)
      } catch let error as VaultStoreError {
        throw CommandFailure(
          message: "\(input.name): \(VaultAccess.message(for: error))",
          exitCode: VaultAccess.exitCode(for: error))
      }
    }
    Terminal.line(
      "restored \(report.snapshotsAdded) snapshot(s), \(report.snapshotsAlreadyPresent) already present, "
        + "\(report.blobsAdded) blob(s) and \(report.accountsCreated) account(s) added, from \(report.snapshotLines) line(s)"
    )
  }
}
