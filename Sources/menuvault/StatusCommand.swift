import ArgumentParser
import MenuVault

/// `menuvault status`: has someone changed the menu behind our back?
struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Pull and compare with the last menu this vault published or recorded.",
    discussion:
      "Exits 0 when in sync, 3 when drifted (someone edited the menu, e.g. on the website), with the diff, 75 when a publish or rollback is pending or was killed half way (unlock clears its lock)."
  )

  @Option(help: "The account to check.")
  var account: String

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let context = try await AccountContext.open(account, vault: vault)
    let report = try await WorkflowAccess.run {
      try await context.workflows.status(account: context.account, api: context.api)
    }
    let inSync = show(report)
    // A publish or rollback still pending (or killed half way) explains any drift: say so first.
    if let pending = report.pendingOperation {
      throw CommandFailure(message: VaultAccess.lockMessage(pending), exitCode: .locked)
    }
    if !inSync { throw CommandFailure(message: "\(account) drifted", exitCode: .drifted) }
  }

  /// Prints the comparison; returns whether live is in sync.
  private func show(_ report: StatusReport) -> Bool {
    let live = report.pull.live
    defer {
      for inactive in live.menu.menuSet.inactiveConditionalMenus {
        Terminal.line("note: live \(inactive.line)")
      }
    }
    guard let reference = report.reference else {
      Terminal.line(
        "\(account): first snapshot #\(live.snapshot.id) \(live.menu.contentHash.prefix(12)); nothing to compare with yet"
      )
      return true
    }
    if report.isInSync {
      Terminal.line(
        "\(account): in sync: live #\(live.snapshot.id) matches #\(reference.id) (\(reference.source.rawValue) \(reference.takenAt.iso8601)) \(reference.contentHash.prefix(12))"
      )
      return true
    }
    Terminal.line(
      "\(account): drifted: live #\(live.snapshot.id) \(live.menu.contentHash.prefix(12)) differs from #\(reference.id) (\(reference.source.rawValue) \(reference.takenAt.iso8601)) \(reference.contentHash.prefix(12))"
    )
    for change in report.diff.changes { Terminal.line("  \(change.line)") }
    Terminal.line("`menuvault rollback \(reference.id)` puts #\(reference.id) back")
    return false
  }
}

/// `menuvault delete`: snapshot, then delete the live menu.
struct DeleteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete",
    abstract: "Snapshot the live menu, then delete it (default and conditional menus)."
  )

  @Option(help: "The account whose menu to delete.")
  var account: String

  @Flag(help: "Do not ask for confirmation.")
  var yes = false

  @Flag(help: "When the delete fails, leave the account as it is instead of putting the menu back.")
  var noRestore = false

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let context = try await AccountContext.open(account, vault: vault)
    try Confirmation.ask("delete the live menu of \(account)?", yes: yes)
    let readBack = try await WorkflowAccess.run(context: context) {
      try await context.workflows.delete(
        account: context.account, api: context.api, holder: AccountContext.holder,
        restoreOnFailure: !noRestore, progress: { Terminal.note("… \($0)") })
    }
    Terminal.line(
      "deleted: \(account) now shows no menu (snapshot #\(readBack.live.snapshot.id)); the previous menu is in `menuvault history --account \(account)`"
    )
  }
}

/// `menuvault unlock`: clear a lock left by a publish or rollback whose process died.
struct UnlockCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlock",
    abstract:
      "Clear a publish/rollback lock left by a process that was killed; it is recorded as failed."
  )

  @Option(help: "The account whose lock to clear.")
  var account: String

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let workflows = Workflows(store: try vault.openStore())
    let cleared = try await VaultAccess.run { try await workflows.unlock(account: account) }
    guard let cleared else {
      Terminal.line("\(account): no operation is pending; nothing to clear")
      return
    }
    let step = cleared.step.map { " at step \($0)" } ?? ""
    let before = cleared.beforeSnapshotID.map { "; the menu before it is snapshot #\($0)" } ?? ""
    Terminal.line(
      "cleared \(cleared.kind.rawValue) operation \(cleared.id) started \(cleared.startedAt.iso8601) by \(cleared.holder ?? "?")\(step)\(before)"
    )
  }
}

/// `menuvault replies`: what the website's text buttons said.
struct RepliesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replies",
    abstract: "List the click keys website text buttons were converted to, with their texts.",
    discussion:
      "A message handler answers a click on KEY with TEXT. Reads snapshot ID, else the account's latest selfmenu snapshot."
  )

  @Option(help: "The account.")
  var account: String

  @Argument(help: "The snapshot to read (default: the latest selfmenu snapshot).")
  var id: Int64?

  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let store = try vault.openStore()
    let target = try await VaultAccess.run {
      try await Workflows(store: store).replies(account: account, snapshotID: id)
    }
    let (info, menu) = (target.info, target.menu)
    if menu.textReplies.isEmpty {
      Terminal.line("snapshot #\(info.id) has no text buttons")
      return
    }
    for reply in menu.textReplies {
      Terminal.line("\(reply.key)\t\(CanonicalJSON.string(.string(reply.text)))\t\(reply.path)")
    }
  }
}
