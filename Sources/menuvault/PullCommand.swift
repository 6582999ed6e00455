import ArgumentParser
import Foundation
import MenuVault

#if canImport(Glibc)
  import Glibc
#endif

/// `menuvault pull`: snapshot what is live.
struct PullCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pull",
    abstract:
      "Fetch the live menu (WeChat: menu/get and get_current_selfmenu_info; Weibo: show) and snapshot it.",
    discussion:
      "Prints each response's snapshot id, hash and whether it changed since the last snapshot."
  )

  @Option(help: "The account to pull.")
  var account: String?

  @Flag(help: "Pull every account, four at a time.")
  var all = false

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if (account == nil) == !all { throw ValidationError("give --account NAME or --all") }
  }

  func run() async throws {
    // One open vault for every account of the run.
    let store = try vault.openStore()
    var names: [String] = account.map { [$0] } ?? []
    if all {
      names = try VaultAccess.run { try store.accounts().map(\.name) }
    }
    let vault = self.vault
    let total = names.count
    let showProgress = all && isatty(STDERR_FILENO) == 1
    var failures: [CommandFailure] = []
    var done = 0
    try await withThrowingTaskGroup(of: (String, Result<[String], CommandFailure>).self) { group in
      var pending = names[...]
      func startNext() {
        guard let name = pending.popFirst() else { return }
        group.addTask {
          do {
            let context = try await AccountContext.open(name, vault: vault, store: store)
            let result = try await WorkflowAccess.run {
              try await context.workflows.pull(account: context.account, api: context.api)
            }
            return (name, .success(PullCommand.lines(result)))
          } catch let failure as CommandFailure {
            return (name, .failure(failure))
          }
        }
      }
      for _ in 0..<min(4, total) { startNext() }
      while let (name, result) = try await group.next() {
        done += 1
        switch result {
        case .success(let lines): Terminal.write(lines.map { "\($0)\n" }.joined())
        case .failure(let failure):
          let named = CommandFailure(
            message: "\(name): \(failure.message)", exitCode: failure.exitCode)
          if all { Terminal.error(named.message) }
          failures.append(named)
        }
        if showProgress { FileHandle.standardError.write(Data("\rpulled \(done)/\(total)".utf8)) }
        startNext()
      }
    }
    if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
    if let first = failures.first {
      // One account: its error is the one line. Several: a line per account, then this summary.
      guard all else { throw first }
      throw CommandFailure(
        message: "\(failures.count) of \(total) account(s) could not be pulled",
        exitCode: first.exitCode)
    }
  }

  /// `shop  get       #12  bed479f9a3d9  new` per response, then the live line.
  static func lines(_ result: Workflows.PullResult) -> [String] {
    var lines = result.documents.map { document in
      let state =
        document.response.isNoMenu
        ? "no menu" : document.snapshot.isChange ? "changed" : "unchanged"
      return
        "\(result.account)  \(document.response.source.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))"
        + "#\(document.snapshot.id)  \(document.snapshot.contentHash)  \(state)  \(document.menu.fidelity.rawValue)"
    }
    lines.append(
      "\(result.account)  live is #\(result.live.snapshot.id) (\(result.live.response.source.rawValue))"
    )
    return lines
  }
}
