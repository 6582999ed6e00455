import Hummingbird
import MenuVault
import Mustache

/// A rollback plan as JSON: what is live, what will be sent, and the diff between them.
struct RollbackPlanBody: Encodable {
  var target: SnapshotMenu
  var plan: PublishPlan

  enum CodingKeys: String, CodingKey {
    case account, changes, warnings, notes
    case targetSnapshot = "target_snapshot"
    case liveSnapshot = "live_snapshot"
    case liveHash = "live_hash"
    case targetHash = "target_hash"
    case alreadyLive = "already_live"
    case droppedInactive = "dropped_inactive"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(target.info.account, forKey: .account)
    try container.encode(target.info.id, forKey: .targetSnapshot)
    try container.encode(plan.pulled.live.snapshot.id, forKey: .liveSnapshot)
    try container.encode(plan.pulled.live.menu.contentHash, forKey: .liveHash)
    try container.encode(plan.contentHash, forKey: .targetHash)
    try container.encode(plan.isAlreadyLive, forKey: .alreadyLive)
    try container.encode(plan.diff.changes, forKey: .changes)
    try container.encode(plan.droppedInactive, forKey: .droppedInactive)
    try container.encode(plan.warnings.map(\.line), forKey: .warnings)
    try container.encode(plan.notes.map(\.line), forKey: .notes)
  }
}

/// What the confirmation template reads.
struct RollbackConfirmModel {
  var account: String
  var accountHref: String
  var targetID: Int64
  var message: String?
  var liveID: Int64
  var liveHash: String
  var liveHashPrefix: String
  var targetHash: String
  var alreadyLive: Bool
  var dropped: [String]
  var warnings: [String]
  var notes: [String]
  /// The live menu, marked as the old side of the diff (``Pages/phone(_:)``).
  var livePhone: String
  /// The menu that will be sent, marked as the new side.
  var targetPhone: String
  var changes: [ChangeLine]
  var hasChanges: Bool
  var changeCount: Int
  var csrfToken: String

  /// The confirmation of `plan`, its phones drawn by `pages`.
  init(
    target: SnapshotMenu, plan: PublishPlan, token: String, message: String?, pages: Pages
  ) throws {
    let live = plan.pulled.live
    let platform = target.info.platform
    account = target.info.account
    accountHref = Links.account(account)
    targetID = target.info.id
    self.message = message
    liveID = live.snapshot.id
    liveHash = live.menu.contentHash
    liveHashPrefix = String(liveHash.prefix(12))
    targetHash = plan.contentHash
    alreadyLive = plan.isAlreadyLive
    dropped = plan.droppedInactive.map(\.line)
    warnings = plan.warnings.map(\.line)
    notes = plan.notes.map(\.line)
    livePhone = pages.phone(PhoneView(live.menu, platform: platform, marks: .old(plan.diff)))
    // What is sent: the target's menu, without the conditional menus that match nobody today.
    let sent =
      plan.menuSet == target.menu.menuSet
      ? target.menu : try Normalizer.normalize(document: plan.document, platform: platform)
    targetPhone = pages.phone(PhoneView(sent, platform: platform, marks: .new(plan.diff)))
    changes = plan.diff.changes.map(ChangeLine.init)
    hasChanges = !changes.isEmpty
    changeCount = changes.count
    csrfToken = token
  }
}

/// How a confirmed rollback ended, as the result page and its JSON show it.
struct RollbackResult: Encodable {
  /// How a confirmed rollback ended.
  enum Status: String, Encodable {
    case deployed
    case alreadyLive = "already-live"
    case notSent = "not-sent"
    case failed
  }

  /// Deployed, already live, not sent or failed.
  var status: Status
  /// One line: what happened.
  var summary: String
  /// The lines the rollback reported as it went.
  var steps: [String]
  /// The operation recorded.
  var operation: OperationSummary?
  /// The snapshot of what was sent.
  var sentSnapshot: Int64?
  /// The snapshot of what was read back.
  var readBackSnapshot: Int64?
  /// For a failure: what became of the previous menu.
  var restore: String?
  /// For a failure: the platform's error, when it refused or failed.
  var platformError: String?

  /// The response status: 200 when the rollback is live, 502 when it failed.
  var httpStatus: HTTPResponse.Status { status == .failed ? .badGateway : .ok }

  init(_ result: PublishResult, steps: [String]) {
    self.steps = steps
    summary = result.summary
    switch result {
    case .published(let outcome):
      status = .deployed
      operation = outcome.operation.map(OperationSummary.init)
      sentSnapshot = outcome.sent?.id
      readBackSnapshot = outcome.readBack?.live.snapshot.id
    case .alreadyLive(_, let operation):
      status = .alreadyLive
      self.operation = operation.map(OperationSummary.init)
    case .dryRun, .declined:
      status = .notSent
    }
  }

  init(failure: OperationFailure, operation: OperationSummary?, steps: [String]) {
    status = .failed
    summary = failure.description
    self.steps = steps
    self.operation = operation
    platformError = failure.platformError?.description
    restore = failure.previousMenu
    // This page's hint: the rollback that finishes the job.
    if case .failed(let id, _, _, _) = failure.restore {
      restore? += "; roll back to #\(id) to finish putting it back"
    }
  }

  enum CodingKeys: String, CodingKey {
    case status, summary, steps, operation, restore
    case sentSnapshot = "sent_snapshot"
    case readBackSnapshot = "read_back_snapshot"
    case platformError = "platform_error"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(status, forKey: .status)
    try container.encode(summary, forKey: .summary)
    try container.encode(steps, forKey: .steps)
    try container.encode(operation, forKey: .operation)
    try container.encode(sentSnapshot, forKey: .sentSnapshot)
    try container.encode(readBackSnapshot, forKey: .readBackSnapshot)
    try container.encode(restore, forKey: .restore)
    try container.encode(platformError, forKey: .platformError)
  }
}

/// What the result template reads.
struct RollbackResultModel {
  var account: String
  var accountHref: String
  var targetID: Int64
  var outcome: String
  var bannerClass: String
  var summary: String
  var steps: [String]
  var hasSteps: Bool
  var operation: OperationView?
  var restore: String?
  var platformError: String?

  init(target: SnapshotMenu, result: RollbackResult) {
    account = target.info.account
    accountHref = Links.account(account)
    targetID = target.info.id
    switch result.status {
    case .deployed: outcome = "rolled back"
    case .alreadyLive: outcome = "already live"
    case .failed: outcome = "failed"
    case .notSent: outcome = "nothing sent"
    }
    bannerClass = result.status == .failed ? "failed" : "ok"
    summary = result.summary
    steps = result.steps
    hasSteps = !steps.isEmpty
    operation = result.operation.map(OperationView.init)
    restore = result.restore
    platformError = result.platformError
  }
}

// What the templates read, by name: lookups rather than mustache's reflection.

extension RollbackConfirmModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "account": return account
    case "accountHref": return accountHref
    case "targetID": return targetID
    case "message": return message.section
    case "liveID": return liveID
    case "liveHash": return liveHash
    case "liveHashPrefix": return liveHashPrefix
    case "targetHash": return targetHash
    case "alreadyLive": return alreadyLive
    case "dropped": return dropped
    case "warnings": return warnings
    case "notes": return notes
    case "livePhone": return livePhone
    case "targetPhone": return targetPhone
    case "changes": return changes
    case "hasChanges": return hasChanges
    case "changeCount": return changeCount
    case "csrfToken": return csrfToken
    default: return nil
    }
  }
}

extension RollbackResultModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "account": return account
    case "accountHref": return accountHref
    case "targetID": return targetID
    case "outcome": return outcome
    case "bannerClass": return bannerClass
    case "summary": return summary
    case "steps": return steps
    case "hasSteps": return hasSteps
    case "operation": return operation.section
    case "restore": return restore.section
    case "platformError": return platformError.section
    default: return nil
    }
  }
}
