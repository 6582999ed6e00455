import ArgumentParser
import MenuVault

/// `menuvault diff`: what changed between two snapshots.
struct DiffCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Show what changed between two snapshots, by button path.",
    discussion: """
      Buttons are matched by name, then by position; conditional menus by their match rule. \
      Lines: + added, - removed, > moved, ~ changed field with old and new value.
      """
  )

  @Argument(help: "The older snapshot id.")
  var from: Int64

  @Argument(help: "The newer snapshot id.")
  var to: Int64

  @Flag(
    help: "Print a JSON array of changes with the keys field, kind, new, old, old_path, path.")
  var json = false

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let store = try vault.openStore()
    let comparison = try await VaultAccess.run {
      try await Workflows(store: store).compare(from: from, to: to)
    }
    let diff = comparison.diff
    if json {
      try Terminal.json(diff.changes)
      return
    }
    if diff.isEmpty {
      Terminal.line("no differences: snapshots \(from) and \(to) hold the same menu")
      return
    }
    for change in diff.changes {
      Terminal.line(change.line)
    }
    for snapshot in [comparison.from, comparison.to] {
      for inactive in snapshot.menu.menuSet.inactiveConditionalMenus {
        Terminal.line("note: #\(snapshot.info.id) \(inactive.line)")
      }
    }
  }
}
