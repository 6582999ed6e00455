import ArgumentParser
import Foundation
import MenuVault

/// `menuvault verify`: is every stored byte what its hash says?
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Check the vault: SQLite integrity, and the hash of every blob and every snapshot's content.",
    discussion: "Prints the counts; exits 1 and lists every mismatch when anything is off."
  )

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let store = try vault.openStore()
    let report = try await VaultAccess.run { try await Workflows(store: store).verify() }
    for problem in report.problems {
      Terminal.line("problem: \(problem.description)")
    }
    guard report.isOK else {
      throw CommandFailure(
        message: "verify found \(report.problems.count) problem(s) in \(store.path ?? "the vault")",
        exitCode: .failure)
    }
    Terminal.line("ok: \(report.summary)")
  }
}

extension VerifyReport {
  /// `12 snapshots, 7 blobs (10432 bytes), 2 accounts, 1 operation`.
  var summary: String {
    "\(snapshotCount) snapshot(s), \(blobCount) blob(s) (\(blobBytes) bytes), "
      + "\(accountCount) account(s), \(operationCount) operation(s)"
  }
}
