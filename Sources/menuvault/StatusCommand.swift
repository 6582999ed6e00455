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
