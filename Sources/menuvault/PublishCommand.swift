import ArgumentParser
import Foundation
import MenuVault

/// `menuvault publish`: put a menu file live, safely.
struct PublishCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract:
      "Publish a menu file: validate, snapshot what is live, show the diff, create, read back.",
    discussion: """
      Unpublishable entries are refused unless --media-map gives them a permanent media id; \
      lossy conversions unless --allow-lossy. Every request is checked before the first write. \
      A publish that fails after its first write puts the previous menu back and says so \
      (--no-restore leaves the account as the failure left it).
      """
  )

  @Argument(help: "The menu document to publish (any shape normalize reads), or -.")
  var path: String

  @Option(help: "The account to publish to.")
  var account: String

  @OptionGroup var options: PublishOptions
  @OptionGroup var vault: VaultOptions

  func run() async throws {
    let context = try await AccountContext.open(account, vault: vault)
    let input = try InputDocument.read(path)
    let desired: NormalizedMenu
    do {
      desired = try Normalizer.normalize(input.bytes, platform: context.account.platform)
    } catch {
      throw CommandFailure(message: "\(input.name): \(error.description)", exitCode: .dataError)
    }
    let request = PublishRequest(
      desired: desired, allowLossy: options.allowLossy, mediaMap: try options.loadMediaMap(),
      holder: AccountContext.holder, refuseWarnings: options.strict,
      restoreOnFailure: !options.noRestore)
    try await PublishRunner.run(
      request, context: context, dryRun: options.dryRun, yes: options.yes)
  }
}
