import ArgumentParser
import MenuVault

/// `menuvault history`: an account's snapshots, newest first.
struct HistoryCommand: ParsableCommand {
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
      "Print a JSON array of objects with the keys id, account, taken_at, source, hash, raw_hash, fidelity, rollback_of, inactive_conditional_menus."
  )
  var json = false

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
  }

  func run() throws {
    let store = try vault.openStore()
    let snapshots = try VaultAccess.run {
      try store.history(account: account, limit: limit, changesOnly: !all)
    }
    if json {
      let entries = try snapshots.map { snapshot in
        let inactive = try VaultAccess.run {
          try store.inactiveConditionalMenus(snapshotID: snapshot.id)
        }
        return snapshot.historyJSON(inactive: inactive)
      }
      Terminal.line(PrettyJSON.string(.array(entries)))
      return
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

  /// The `--json` form of a history entry; `inactive` lists its conditional menus that match
  /// nobody today.
  func historyJSON(inactive: [InactiveConditionalMenu]) -> JSONValue {
    .object([
      JSONMember("id", .number(Double(id))),
      JSONMember("account", .string(account)),
      JSONMember("taken_at", .string(takenAt.iso8601)),
      JSONMember("source", .string(source.rawValue)),
      JSONMember("hash", .string(contentHash)),
      JSONMember("raw_hash", .string(rawHash)),
      JSONMember("fidelity", .string(fidelity.rawValue)),
      JSONMember("rollback_of", rollbackOf.map { .number(Double($0)) } ?? .null),
      JSONMember("inactive_conditional_menus", .array(inactive.map(\.json))),
    ])
  }
}

extension InactiveConditionalMenu {
  /// `{"path": "conditionalmenu[0]", "fields": ["sex"], "rule": "sex=1"}`.
  var json: JSONValue {
    .object([
      JSONMember("path", .string(path)),
      JSONMember("fields", .array(fields.map { .string($0) })),
      JSONMember("rule", .string(rule)),
    ])
  }
}
