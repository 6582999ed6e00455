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
