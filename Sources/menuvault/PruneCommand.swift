import ArgumentParser
import MenuVault

/// `menuvault prune`: remove the unchanged re-fetches history does not need.
struct PruneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Remove old unchanged re-fetches and the content only they held, then verify.",
    discussion: """
      Of the get, selfmenu and weibo-show snapshots whose content did not change and that are \
      older than --keep-within, the first and the last of every run of the same content stay \
      (history still shows when each state was first and last seen), and so does every change, \
      create, import and rollback, every snapshot an operation or a rollback refers to, and \
      each account's live and reference snapshots: `history` and `status` answer the same \
      afterwards. Prints what was removed by account and in total, then verifies the vault. \
      The file keeps its size: new snapshots fill the space freed.
      """
  )

  @Option(
    help: ArgumentHelp(
      "Keep every snapshot taken within this long before now: a number and s, m, h or d.",
      valueName: "duration"))
  var keepWithin = Self.defaultKeepWithin

  @Option(help: "Prune only this account's snapshots (default: every account's).")
  var account: String?

  @Flag(help: "Print what would be removed and change nothing; the file stays byte for byte.")
  var dryRun = false

  @OptionGroup var vault: VaultOptions

  /// `30d`: the library's default window (`PruneRequest.defaultKeepWithin`), as written here.
  static let defaultKeepWithin = DurationArgument(
    duration: PruneRequest.defaultKeepWithin, description: "30d")

  func run() async throws {
    // A dry run reads through a read-only connection: not even the write-ahead log changes.
    let workflows = Workflows(store: try vault.openStore(readOnly: dryRun))
    let result = try await VaultAccess.run {
      try await workflows.prune(
        PruneRequest(keepWithin: keepWithin.duration, account: account, dryRun: dryRun))
    }
    let verb = result.dryRun ? "would remove" : "removed"
    for pruned in result.accounts {
      Terminal.line("\(pruned.account): \(verb) \(pruned.removed.summary)")
    }
    Terminal.line(
      "total: \(verb) \(result.total.summary) (unchanged re-fetches taken before "
        + "\(result.cutoff.iso8601), the first and last of each run kept)")
    if result.dryRun { Terminal.line("dry run: the vault was not changed") }
    let verification = result.verification
    for problem in verification.problems {
      Terminal.line("problem: \(problem.description)")
    }
    guard verification.isOK else {
      throw CommandFailure(
        message:
          "verify found \(verification.problems.count) problem(s) in "
          + "\(workflows.store.path ?? "the vault")",
        exitCode: .failure)
    }
    Terminal.line("ok: \(verification.summary)")
  }
}

extension PruneCounts {
  /// `2772 snapshot(s), 0 blob(s), 144108 bytes`.
  var summary: String { "\(snapshots) snapshot(s), \(blobs) blob(s), \(bytes) bytes" }
}
