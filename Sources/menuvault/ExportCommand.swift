import ArgumentParser
import Foundation
import MenuVault

/// `menuvault export`: the vault's snapshots as NDJSON.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write snapshots as NDJSON: one snapshot per line with its metadata, hashes, raw text and normalized document."
  )

  @Option(help: "Export only this account's snapshots (default: every account).")
  var account: String?

  @Option(help: "Write to this file (created with mode 0600) instead of standard output.")
  var out: String?

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let workflows = Workflows(store: try vault.openStore())
    guard let out else {
      _ = try await VaultAccess.run {
        try await workflows.export(account: account, to: FileHandle.standardOutput)
      }
      return
    }
    if let account {
      // An unknown account is refused before the file is created.
      _ = try await VaultAccess.run { try await workflows.account(named: account) }
    }
    guard
      FileManager.default.createFile(
        atPath: out, contents: nil, attributes: [.posixPermissions: 0o600]),
      let handle = FileHandle(forWritingAtPath: out)
    else {
      throw CommandFailure(
        message: "\(out): cannot create the export file", exitCode: .cannotCreate)
    }
    defer { try? handle.close() }
    let count = try await VaultAccess.run {
      try await workflows.export(account: account, to: handle)
    }
    Terminal.note("exported \(count) snapshot(s) to \(out)")
  }
}

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
