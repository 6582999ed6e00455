import ArgumentParser
import Foundation
import MenuVault

/// Options shared by publish and rollback.
struct PublishOptions: ParsableArguments {
  @Flag(help: "Check, snapshot what is live and show the diff, but change nothing.")
  var dryRun = false

  @Flag(
    help:
      "Publish even though some buttons were converted lossily (text -> click, old news -> view).")
  var allowLossy = false

  @Option(help: "A JSON file mapping button paths of unpublishable entries to permanent media ids.")
  var mediaMap: String?

  @Flag(help: "Do not ask for confirmation.")
  var yes = false

  @Flag(
    help:
      "Refuse the menu when validation warns (types WeChat's conditional-menu page does not list).")
  var strict = false

  @Flag(
    help:
      "When a step fails after the first write, leave the account as it is instead of putting the previous menu back."
  )
  var noRestore = false

  func loadMediaMap() throws -> MediaMap {
    guard let mediaMap else { return MediaMap() }
    let input = try InputDocument.read(mediaMap)
    do {
      return try MediaMap(jsonBytes: input.bytes)
    } catch let error as WorkflowError {
      throw CommandFailure(
        message: "\(input.name): \(error.errorDescription ?? "")", exitCode: .dataError)
    }
  }
}

/// What publish and rollback print around the library's publish: the plan, the question, the
/// outcome.
enum PublishRunner {
  @discardableResult
  static func run(
    _ request: PublishRequest, context: AccountContext, dryRun: Bool, yes: Bool
  ) async throws -> PublishResult {
    let kind: VaultOperation.Kind = request.rollbackOf == nil ? .publish : .rollback
    for note in request.desired.notes {
      Terminal.note("note: \(note.line)")
    }
    let account = context.account.name
    let result = try await WorkflowAccess.run(context: context) {
      try await context.workflows.publish(
        request, account: context.account, api: context.api, dryRun: dryRun,
        confirm: { plan in
          present(plan, rollbackOf: request.rollbackOf)
          Terminal.line("changes from live to \(plan.contentHash.prefix(12)):")
          for change in plan.diff.changes { Terminal.line("  \(change.line)") }
          try Confirmation.ask(
            "\(kind.verb) \(plan.diff.changes.count) change(s) to \(account)?", yes: yes)
          return true
        },
        progress: { Terminal.note("… \($0)") })
    }
    switch result {
    case .alreadyLive(let plan, _):
      present(plan, rollbackOf: request.rollbackOf)
      Terminal.line(result.summary)
    case .dryRun(let plan):
      present(plan, rollbackOf: request.rollbackOf)
      Terminal.line("changes from live to \(plan.contentHash.prefix(12)):")
      for change in plan.diff.changes { Terminal.line("  \(change.line)") }
      Terminal.line(result.summary)
    case .declined:
      break
    case .published:
      Terminal.line(result.summary)
    }
    return result
  }

  /// The plan's warnings, dropped menus and safety-net snapshot.
  private static func present(_ plan: PublishPlan, rollbackOf: Int64?) {
    for warning in plan.warnings { Terminal.note(warning.line) }
    for dropped in plan.droppedInactive {
      Terminal.line(
        "note: not sent: \(dropped.line); nobody saw it at snapshot #\(rollbackOf ?? 0), "
          + "so without it users see exactly what they saw then")
    }
    Terminal.line(
      "live menu saved as snapshot #\(plan.live.live.snapshot.id) (\(plan.live.live.menu.contentHash.prefix(12)))"
    )
  }
}

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
