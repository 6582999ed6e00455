import ArgumentParser
import MenuVault

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
