import Foundation

/// What to publish and how carefully.
public struct PublishRequest: Sendable {
  /// The menu to publish (from a file, or a snapshot for a rollback).
  public var desired: NormalizedMenu
  /// Publish even though some buttons were converted lossily (`--allow-lossy`).
  public var allowLossy: Bool
  /// Permanent media ids for unpublishable entries (`--media-map`).
  public var mediaMap: MediaMap
  /// For a rollback: the snapshot whose menu is put back.
  public var rollbackOf: Int64?
  /// Who runs the operation, shown to a second operation that finds the lock taken.
  public var holder: String?

  /// Creates a request.
  public init(
    desired: NormalizedMenu, allowLossy: Bool = false, mediaMap: MediaMap = MediaMap(),
    rollbackOf: Int64? = nil, holder: String? = nil
  ) {
    self.desired = desired
    self.allowLossy = allowLossy
    self.mediaMap = mediaMap
    self.rollbackOf = rollbackOf
    self.holder = holder
  }
}

/// The menu that will be published, checked, with its diff against what is live.
public struct PublishPlan: Sendable {
  /// The menu set that will be sent (media map applied).
  public var menuSet: MenuSet
  /// Its normalized document and canonical bytes.
  public var document: JSONValue
  /// Its content hash.
  public var contentHash: String
  /// The fidelity notes still standing (lossy conversions that were allowed).
  public var notes: [FidelityNote]
  /// What was live when the plan was made (snapshotted: the safety net).
  public var live: Workflows.PullResult
  /// From live to the new menu.
  public var diff: MenuDiff

  /// Whether the menu is already live: publishing would change nothing.
  public var isAlreadyLive: Bool { live.live.menu.contentHash == contentHash }
}

/// How a publish, rollback or delete ended.
public struct PublishOutcome: Sendable {
  /// The plan that was carried out.
  public var plan: PublishPlan
  /// The operation recorded (deployed), or `nil` for a dry run or a menu already live.
  public var operation: VaultOperation?
  /// The snapshot of what was sent, or `nil` when nothing was sent.
  public var sent: RecordedSnapshot?
  /// What was read back afterwards.
  public var readBack: Workflows.PullResult?
}

extension Workflows {
  /// Checks the menu (media map, lossy, platform rules), snapshots what is live and diffs.
  /// Touches nothing on the platform.
  public func plan(_ request: PublishRequest, account: Account, api: any MenuAPI) async throws
    -> PublishPlan
  {
    let set = try request.mediaMap.apply(to: request.desired.menuSet)
    let mapped = try Normalizer.normalize(document: set.document, platform: account.platform)
    let mappedPaths = Set(request.mediaMap.mediaIDs.keys)
    let notes = request.desired.notes.filter { !mappedPaths.contains($0.path) }
    // Rolling back to an empty set (a snapshot of "no menu") deletes the menu; a file to publish
    // needs buttons (`delete` deletes).
    let isEmpty = set.defaultMenu.buttons.isEmpty && set.conditionalMenus.isEmpty
    // A create payload is checked as written, as lint checks it: normalizing drops what a parent
    // must not carry (a type, an action), which the normalized set alone would hide.
    let checked =
      request.desired.shape == .create
      ? try request.mediaMap.apply(to: request.desired.readMenuSet) : set
    let findings =
      isEmpty && request.rollbackOf != nil
      ? [] : MenuValidator(platform: account.platform).findings(in: checked)
    guard findings.isEmpty else { throw WorkflowError.notPublishable(findings: findings) }
    if set.defaultMenu.buttons.isEmpty && !set.conditionalMenus.isEmpty {
      throw WorkflowError.noDefaultMenu
    }
    let lossy = notes.filter { $0.fidelity == .lossy }
    if !lossy.isEmpty && !request.allowLossy { throw WorkflowError.lossyRefused(notes: lossy) }
    let live = try await pull(account: account, api: api)
    return PublishPlan(
      menuSet: mapped.menuSet, document: mapped.document, contentHash: mapped.contentHash,
      notes: notes, live: live, diff: MenuDiff(from: live.live.menu.menuSet, to: mapped.menuSet))
  }

  /// Publishes a planned menu: takes the account's lock, replaces the conditional menus and the
  /// default menu, reads back and compares hashes, and records the outcome.
  ///
  /// - Parameter progress: called with one line per step, for a terminal.
  /// - Throws: ``WorkflowError/failed(operationID:step:reason:beforeSnapshotID:)`` naming the
  ///   step that failed and the snapshot that holds the previous menu.
  public func execute(
    _ plan: PublishPlan, request: PublishRequest, account: Account, api: any MenuAPI,
    progress: @Sendable (String) -> Void = { _ in }
  ) async throws -> PublishOutcome {
    let kind: VaultOperation.Kind = request.rollbackOf == nil ? .publish : .rollback
    let operation = try store.beginOperation(
      account: account.name, kind: kind, targetSnapshotID: request.rollbackOf,
      holder: request.holder, at: clock())
    var before = plan.live.live.snapshot.id
    var step = "snapshot-live"
    do {
      // The safety net is taken under the lock: between the plan and now another publish or a
      // website edit may have changed the menu, and then the confirmed diff is not what would
      // happen (nor are the conditional menus to delete the live ones).
      let current = try await pull(account: account, api: api)
      before = current.live.snapshot.id
      try store.markOperationStep(id: operation.id, step: step, beforeSnapshotID: before)
      guard current.live.menu.contentHash == plan.live.live.menu.contentHash else {
        throw LiveChangedSincePlan(
          planned: plan.live.live.snapshot.id, now: current.live.snapshot.id)
      }
      let liveMenu = current.live
      for menuID in liveMenu.menu.metadata.conditionalMenuIDs where !menuID.isEmpty {
        step = "delconditional \(menuID)"
        try store.markOperationStep(id: operation.id, step: step)
        progress("deleting conditional menu \(menuID)")
        try await api.deleteConditionalMenu(menuID: menuID)
      }
      if plan.menuSet.defaultMenu.buttons.isEmpty {
        step = "delete"
        try store.markOperationStep(id: operation.id, step: step)
        progress("deleting the menu (the target has none)")
        try await api.deleteMenu()
      } else {
        step = "create"
        try store.markOperationStep(id: operation.id, step: step)
        progress("creating the default menu")
        try await api.createMenu(plan.menuSet.defaultMenu)
      }
      for (index, menu) in plan.menuSet.conditionalMenus.enumerated() {
        step = "addconditional \(index + 1)/\(plan.menuSet.conditionalMenus.count)"
        try store.markOperationStep(id: operation.id, step: step)
        progress("adding conditional menu \(index + 1) of \(plan.menuSet.conditionalMenus.count)")
        let menuID = try await api.addConditionalMenu(menu)
        progress("conditional menu \(index + 1) has menuid \(menuID)")
      }
      let sentBytes = CanonicalJSON.bytes(plan.document)
      let sent = try store.record(
        NewSnapshot(
          accountName: account.name, platform: account.platform, takenAt: clock(),
          source: request.rollbackOf == nil ? .create : .rollback, rawBytes: sentBytes,
          canonicalBytes: sentBytes, fidelity: plan.notes.map(\.fidelity).max() ?? .exact,
          rollbackOf: request.rollbackOf))
      step = "read-back"
      try store.markOperationStep(id: operation.id, step: step)
      progress("reading the menu back")
      let readBack = try await pull(account: account, api: api)
      let readHash = readBack.live.menu.contentHash
      guard readHash == plan.contentHash else {
        throw ReadBackMismatch(expected: plan.contentHash, found: readHash)
      }
      let finished = try store.finishOperation(
        id: operation.id, status: .deployed, afterSnapshotID: readBack.live.snapshot.id, at: clock()
      )
      return PublishOutcome(plan: plan, operation: finished, sent: sent, readBack: readBack)
    } catch {
      let reason = Self.describe(error)
      _ = try? store.finishOperation(
        id: operation.id, status: .failed, reason: "\(step): \(reason)", at: clock())
      throw WorkflowError.failed(
        operationID: operation.id, step: step, reason: reason, beforeSnapshotID: before)
    }
  }

  /// Records a planned menu that is already live as a deployed operation that sent nothing, so
  /// `status` compares with it: after a publish whose create went through before it failed (or
  /// its process was killed), the run that finds the menu live is the one that finishes it.
  ///
  /// - Throws: ``VaultStoreError/operationPending(account:operationID:kind:startedAt:holder:)``
  ///   when another operation holds the account's lock.
  public func recordAlreadyLive(_ plan: PublishPlan, request: PublishRequest, account: Account)
    throws -> VaultOperation
  {
    let live = plan.live.live.snapshot.id
    let operation = try store.beginOperation(
      account: account.name, kind: request.rollbackOf == nil ? .publish : .rollback,
      targetSnapshotID: request.rollbackOf, holder: request.holder, at: clock())
    try store.markOperationStep(id: operation.id, step: "already-live", beforeSnapshotID: live)
    return try store.finishOperation(
      id: operation.id, status: .deployed, afterSnapshotID: live, at: clock())
  }

  static func describe(_ error: any Error) -> String {
    if let local = error as? any LocalizedError, let text = local.errorDescription { return text }
    return "\(error)"
  }
}

/// The live menu is not the one the plan was made against.
struct LiveChangedSincePlan: Error, LocalizedError {
  var planned: Int64
  var now: Int64

  var errorDescription: String? {
    "the live menu changed after the plan was made (planned against snapshot #\(planned), live "
      + "is #\(now) now): nothing was sent; run the command again to see the new changes"
  }
}

/// The menu read back after a publish is not the one sent.
struct ReadBackMismatch: Error, LocalizedError {
  var expected: String
  var found: String

  var errorDescription: String? {
    "the menu read back hashes to \(found), not to the published \(expected)"
  }
}
