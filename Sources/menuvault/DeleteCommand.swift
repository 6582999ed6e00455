import ArgumentParser
import MenuVault

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
