import ArgumentParser
import Foundation
import MenuVault

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
      "live menu saved as snapshot #\(plan.pulled.live.snapshot.id) (\(plan.pulled.live.menu.contentHash.prefix(12)))"
    )
  }
}
