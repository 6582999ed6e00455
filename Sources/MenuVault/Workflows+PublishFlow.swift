import MenuVaultCore
import MenuVaultStore

/// How a publish or rollback run through ``Workflows/publish(_:account:api:dryRun:confirm:progress:)``
/// ended.
public enum PublishResult: Sendable {
  /// The menu is live already: nothing was sent. `operation` records that (so status compares
  /// with it), `nil` for a dry run.
  case alreadyLive(PublishPlan, operation: VaultOperation?)
  /// A dry run: planned and shown, nothing sent, nothing recorded but the live snapshot.
  case dryRun(PublishPlan)
  /// The confirmation said no: nothing was sent.
  case declined(PublishPlan)
  /// Published and read back.
  case published(PublishOutcome)

  /// The snapshot of what was sent, when something was.
  public var sent: RecordedSnapshot? {
    if case .published(let outcome) = self { return outcome.sent }
    return nil
  }

  /// The plan, whichever way it ended.
  public var plan: PublishPlan {
    switch self {
    case .alreadyLive(let plan, _), .dryRun(let plan), .declined(let plan): return plan
    case .published(let outcome): return outcome.plan
    }
  }
}

extension Workflows {
  /// A publish or rollback from start to end: plan (check every request, snapshot what is live,
  /// diff), then record an already-live menu, or stop for a dry run, or ask `confirm` with the
  /// plan and, when it says yes, execute it (which puts the previous menu back if it fails half
  /// way).
  ///
  /// - Parameters:
  ///   - request: the menu to publish, or the snapshot to roll back to, and how carefully.
  ///   - account: the account to publish to.
  ///   - api: the account's menu API (``MenuVaultStore/Account/menuAPI(credentials:options:)``).
  ///   - dryRun: plan and return the plan without sending anything or taking the lock.
  ///   - confirm: shown the plan of a menu that would change something; returns whether to go
  ///     ahead. A terminal asks a person; a web page has shown the plan already.
  ///   - progress: every step as it begins, the safety net included.
  /// - Throws: ``WorkflowError`` (``WorkflowError/liveChangedSinceConfirmation(_:)`` when the
  ///   request carries a confirmed plan that no longer holds), `PlatformError`,
  ///   `VaultStoreError`, or what `confirm` throws.
  public func publish(
    _ request: PublishRequest, account: Account, api: any MenuAPI, dryRun: Bool = false,
    confirm: (PublishPlan) async throws -> Bool,
    progress: @Sendable (OperationProgress) -> Void = { _ in }
  ) async throws -> PublishResult {
    let plan = try await self.plan(request, account: account, api: api)
    if let confirmed = request.confirmed, !confirmed.matches(plan) {
      throw WorkflowError.liveChangedSinceConfirmation(LiveChange(confirmed: confirmed, plan: plan))
    }
    if plan.isAlreadyLive {
      if dryRun { return .alreadyLive(plan, operation: nil) }
      return .alreadyLive(
        plan, operation: try await recordAlreadyLive(plan, request: request, account: account))
    }
    if dryRun { return .dryRun(plan) }
    guard try await confirm(plan) else { return .declined(plan) }
    return .published(
      try await execute(plan, request: request, account: account, api: api, progress: progress))
  }
}

extension PublishRequest {
  /// A rollback to `target`: its menu published again, recorded with `rollback_of`.
  public init(
    rollingBackTo target: SnapshotMenu, allowLossy: Bool = false, mediaMap: MediaMap = MediaMap(),
    holder: String? = nil, refuseWarnings: Bool = false, restoreOnFailure: Bool = true,
    confirmed: ConfirmedPlan? = nil
  ) {
    self.init(
      desired: target.menu, allowLossy: allowLossy, mediaMap: mediaMap,
      rollbackOf: target.info.id, holder: holder, refuseWarnings: refuseWarnings,
      restoreOnFailure: restoreOnFailure, confirmed: confirmed)
  }
}

/// A confirmed plan that no longer holds, with the plan against what is live now (so a page
/// can show the new diff without pulling again). Equal when the hashes and snapshot are.
public struct LiveChange: Sendable, Equatable, CustomStringConvertible {
  /// What the person confirmed.
  public var confirmed: ConfirmedPlan
  /// The plan made now: what is live now, and what would be sent.
  public var plan: PublishPlan

  /// Creates the refusal of a confirmed plan.
  public init(confirmed: ConfirmedPlan, plan: PublishPlan) {
    self.confirmed = confirmed
    self.plan = plan
  }

  /// `the live menu is not the one that was confirmed (...): nothing was sent`.
  public var description: String {
    let liveNow = "#\(plan.pulled.live.snapshot.id) \(plan.liveMenuHash.prefix(12))"
    if plan.liveMenuHash != confirmed.liveHash {
      return "the live menu changed after the plan was confirmed (confirmed "
        + "\(confirmed.liveHash.prefix(12)), live is \(liveNow) now): nothing was sent"
    }
    return "the menu to send is not the one confirmed (confirmed "
      + "\(confirmed.menuHash.prefix(12)), now \(plan.contentHash.prefix(12))): nothing was sent"
  }

  /// Whether two refusals name the same confirmation, hashes and live snapshot.
  public static func == (left: LiveChange, right: LiveChange) -> Bool {
    left.confirmed == right.confirmed && left.plan.liveMenuHash == right.plan.liveMenuHash
      && left.plan.contentHash == right.plan.contentHash
      && left.plan.pulled.live.snapshot.id == right.plan.pulled.live.snapshot.id
  }
}
