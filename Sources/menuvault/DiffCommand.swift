import ArgumentParser
import MenuVault

/// `menuvault diff`: what changed between two snapshots.
struct DiffCommand: ParsableCommand {
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

  @Flag(help: "Print a JSON array of changes with the keys kind, path, old_path, field, old, new.")
  var json = false

  @OptionGroup var vault: VaultOptions

  func run() throws {
    let store = try vault.openStore()
    func menu(_ id: Int64) throws -> MenuSet {
      let (info, bytes) = try VaultAccess.run {
        guard let info = try store.snapshot(id: id) else {
          throw VaultStoreError.snapshotNotFound(id: id)
        }
        return (info, try store.canonicalBytes(snapshotID: id))
      }
      return try StoredMenu.read(bytes, info: info).menuSet
    }
    let (old, new) = (try menu(from), try menu(to))
    let diff = MenuDiff(from: old, to: new)
    if json {
      Terminal.line(PrettyJSON.string(.array(diff.changes.map(\.json))))
      return
    }
    if diff.isEmpty {
      Terminal.line("no differences: snapshots \(from) and \(to) hold the same menu")
      return
    }
    for change in diff.changes {
      Terminal.line(change.line)
    }
    for (id, set) in [(from, old), (to, new)] {
      for inactive in set.inactiveConditionalMenus {
        Terminal.line("note: #\(id) \(inactive.line)")
      }
    }
  }
}

extension MenuChange {
  /// The `--json` form of a change.
  var json: JSONValue {
    func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    return .object([
      JSONMember("kind", .string(kind.rawValue)),
      JSONMember("path", .string(path)),
      JSONMember("old_path", text(oldPath)),
      JSONMember("field", text(field)),
      JSONMember("old", text(oldValue)),
      JSONMember("new", text(newValue)),
    ])
  }
}
