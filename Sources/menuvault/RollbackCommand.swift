import ArgumentParser
import Foundation
import MenuVault

/// `menuvault rollback`: publish an earlier snapshot's menu again.
struct RollbackCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollback",
    abstract: "Publish snapshot ID's menu again; the new snapshot records rollback_of = ID.",
    discussion: """
      Rolling back to what is already live changes nothing and says so. Conditional menus that \
      match on a field WeChat no longer matches (sex, country, province, city, language) have \
      matched nobody since its privacy change: they are left out, with one note each.
      """
  )

  @Argument(help: "The snapshot to restore (from history).")
  var id: Int64

  @OptionGroup var options: PublishOptions
  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let store = try vault.openStore()
    let target = try await VaultAccess.run { try await Workflows(store: store).snapshot(id) }
    let info = target.info
    let context = try await AccountContext.open(info.account, vault: vault, store: store)
    let request = PublishRequest(
      rollingBackTo: target, allowLossy: options.allowLossy, mediaMap: try options.loadMediaMap(),
      holder: AccountContext.holder, refuseWarnings: options.strict,
      restoreOnFailure: !options.noRestore)
    Terminal.line(
      "rolling \(info.account) back to snapshot #\(id) (\(info.source.rawValue), \(info.takenAt.iso8601), \(info.contentHash.prefix(12)))"
    )
    try await PublishRunner.run(
      request, context: context, dryRun: options.dryRun, yes: options.yes)
  }
}
