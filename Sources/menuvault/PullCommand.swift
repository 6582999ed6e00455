import ArgumentParser
import Foundation
import MenuVault

/// `menuvault pull`: snapshot what is live.
struct PullCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pull",
    abstract:
      "Fetch the live menu (WeChat: menu/get and get_current_selfmenu_info; Weibo: show) and snapshot it.",
    discussion: """
      Prints each response's snapshot id, hash and whether it changed since the last snapshot. \
      With --all, several accounts are pulled at once and one account's failure does not stop \
      the others: each failed account is named on standard error with its reason, a progress \
      line is kept there, and a summary line ends the output; the exit status is 75 when any \
      account failed.
      """
  )

  @Option(help: "The account to pull.")
  var account: String?

  @Flag(help: "Pull every account.")
  var all = false

  @Option(
    help: ArgumentHelp(
      "With --all, how many accounts to pull at once: 1 to 256 (default \(Workflows.defaultPullJobs)).",
      valueName: "n"))
  var jobs: Int?

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if (account == nil) == !all { throw ValidationError("give --account NAME or --all") }
    if let jobs {
      guard all else { throw ValidationError("--jobs goes with --all") }
      let range = Workflows.pullJobsRange
      guard range.contains(jobs) else {
        throw ValidationError(
          "--jobs must be \(range.lowerBound) to \(range.upperBound), not \(jobs)")
      }
    }
  }

  func run() async throws {
    if let account {
      let context = try await AccountContext.open(account, vault: vault)
      let result = try await WorkflowAccess.run {
        try await context.workflows.pull(account: context.account, api: context.api)
      }
      Terminal.write(Self.lines(result).map { "\($0)\n" }.joined())
      return
    }
    let workflows = Workflows(store: try vault.openStore())
    let accounts = try await VaultAccess.run { try await workflows.accounts() }
    let credentials = CredentialVariables(ProcessInfo.processInfo.environment)
    let progress = PullProgressLine()
    let summary = await workflows.pullAll(
      accounts, jobs: jobs ?? Workflows.defaultPullJobs,
      clients: { try $0.menuAPI(credentials: credentials) },
      progress: { step in
        switch step.outcome {
        case .pulled(let result):
          Terminal.write(Self.lines(result).map { "\($0)\n" }.joined())
        case .failed(let failure):
          progress.clear()
          Terminal.error(Self.line(failure))
        }
        progress.show(step)
      })
    progress.finish()
    Terminal.line(Self.summaryLine(summary))
    if !summary.failures.isEmpty { throw ExitCode.someFailed }
  }

  /// `shop  get       #12  bed479f9a3d9  new` per response, then the live line.
  static func lines(_ result: Workflows.PullResult) -> [String] {
    var lines = result.documents.map { document in
      let state =
        document.response.isNoMenu
        ? "no menu" : document.snapshot.isChange ? "changed" : "unchanged"
      return
        "\(result.account)  \(padded(document.response.source.rawValue))"
        + "#\(document.snapshot.id)  \(document.snapshot.contentHash)  \(state)  \(document.menu.fidelity.rawValue)"
    }
    lines.append(
      "\(result.account)  live is #\(result.live.snapshot.id) (\(result.live.response.source.rawValue))"
    )
    return lines
  }

  /// `source` padded to 10 characters, and at least one space after it (`weibo-show `).
  private static func padded(_ source: String) -> String {
    source + String(repeating: " ", count: max(1, 10 - source.count))
  }

  /// `shop: cgi-bin/menu/get failed with errcode -1 (...)`: the account and its one-line reason,
  /// with the hint this command line gives for it.
  static func line(_ failure: AccountPullFailure) -> String {
    "\(failure.account): \(WorkflowAccess.failure(for: failure.error).message)"
  }

  /// `200 account(s): 199 pulled, 12 changed, 1 failed in 2.4 s`.
  static func summaryLine(_ summary: PullAllSummary) -> String {
    var line =
      "\(summary.total) account(s): \(summary.pulled) pulled, \(summary.changed) changed, "
      + "\(summary.failures.count) failed"
    if summary.notStarted > 0 { line += ", \(summary.notStarted) not started" }
    return line + " in \(PullProgressLine.seconds(summary.elapsed)) s"
  }
}
