import ArgumentParser
import MenuVault

/// `menuvault show`: one snapshot's menu.
struct ShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a snapshot's menu as a readable tree, or its stored bytes."
  )

  @Argument(help: "The snapshot id (from history).")
  var id: Int64

  @Flag(help: "Print the raw bytes exactly as they were sent or received.")
  var raw = false

  @Flag(help: "Print the canonical bytes of the normalized document (hashed), plus one newline.")
  var canonical = false

  @Flag(
    help:
      "Print the normalized document as pretty JSON; a conditional menu that matches nobody today carries \"inactive_fields\" (not content: the hash is unchanged)."
  )
  var json = false

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if [raw, canonical, json].filter({ $0 }).count > 1 {
      throw ValidationError("choose one of --raw, --canonical and --json")
    }
  }

  func run() async throws {
    let workflows = Workflows(store: try vault.openStore())
    // The stored bytes as they are, without reading the menu from them: `--raw` is what one
    // looks at when a row no longer reads.
    if raw {
      Terminal.write(
        bytes: try await VaultAccess.run { try await workflows.rawBytes(snapshotID: id) })
      return
    }
    if canonical {
      Terminal.write(
        bytes: try await VaultAccess.run { try await workflows.canonicalBytes(snapshotID: id) }
          + [0x0A])
      return
    }
    let snapshot = try await VaultAccess.run { try await workflows.snapshot(id) }
    let (info, menu) = (snapshot.info, snapshot.menu)
    if json {
      Terminal.line(
        PrettyJSON.string(menu.document.markingInactive(menu.menuSet.inactiveConditionalMenus)))
      return
    }
    Terminal.line("snapshot \(info.id)  account \(info.account) (\(info.platform.rawValue))")
    Terminal.line(
      "taken at \(info.takenAt.iso8601)  source \(info.source.rawValue)  fidelity \(info.fidelity.rawValue)"
    )
    Terminal.line("hash \(info.contentHash)")
    if let rollbackOf = info.rollbackOf { Terminal.line("rollback of \(rollbackOf)") }
    Terminal.line("")
    Terminal.line(menu.menuSet.tree)
    // The notes of the document as it was read, raw bytes again: what was not carried over.
    for note in menu.notes { Terminal.line("note: \(note.line)") }
  }
}
