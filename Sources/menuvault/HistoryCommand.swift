import ArgumentParser
import MenuVault

/// `menuvault history`: an account's snapshots, newest first.
struct HistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List an account's snapshots, newest first.",
    discussion:
      "By default only the snapshots whose content differs from the one before (the changes); --all lists every snapshot."
  )

  @Option(help: "The account whose history to list.")
  var account: String

  @Option(help: "Show at most this many snapshots.")
  var limit: Int?

  @Flag(help: "List every snapshot, unchanged re-fetches included.")
  var all = false

  @Flag(
    help:
      "Print a JSON array of objects with the keys account, fidelity, hash, id, inactive_conditional_menus, raw_hash, rollback_of, source, taken_at."
  )
  var json = false

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
  }

  func run() async throws {
    let workflows = Workflows(store: try vault.openStore())
    if json {
      let entries = try await VaultAccess.run {
        try await workflows.history(account: account, limit: limit, changesOnly: !all)
      }
      try Terminal.json(entries)
      return
    }
    let snapshots = try await VaultAccess.run {
      try await workflows.snapshots(account: account, limit: limit, changesOnly: !all)
    }
    for snapshot in snapshots {
      Terminal.line(snapshot.historyLine)
    }
  }
}

extension SnapshotInfo {
  /// `12  2026-11-21T08:30:00.123Z  selfmenu  bed479f9a3d9  lossy  rollback of 7`.
  var historyLine: String {
    var line =
      "\(id)  \(takenAt.iso8601)  \(source.rawValue)  \(contentHash.prefix(12))  \(fidelity.rawValue)"
    if let rollbackOf { line += "  rollback of \(rollbackOf)" }
    return line
  }
}
