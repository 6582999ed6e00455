import ArgumentParser
import MenuVault

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
