import Foundation
import MenuVaultCore
import MenuVaultJSON
import MenuVaultPlatform
import MenuVaultStore

/// What to publish and how carefully.
public struct PublishRequest: Sendable {
  /// The menu to publish (from a file, or a snapshot for a rollback).
  public var desired: NormalizedMenu
  /// Publish even though some buttons were converted lossily.
  public var allowLossy: Bool
  /// Permanent media ids for unpublishable entries, by button path.
  public var mediaMap: MediaMap
  /// For a rollback: the snapshot whose menu is put back.
  public var rollbackOf: Int64?
  /// Who runs the operation, shown to a second operation that finds the lock taken.
  public var holder: String?
  /// Whether warnings (types the current conditional-menu page does not list) refuse the menu.
  public var refuseWarnings: Bool
  /// Whether a failure after the first write puts the previous menu back (the default).
  public var restoreOnFailure: Bool
  /// What a person confirmed on a page drawn earlier (live menu and menu to send), when the
  /// plan was shown before this request: the publish goes ahead only while both still hold.
  public var confirmed: ConfirmedPlan?

  /// Creates a request.
  public init(
    desired: NormalizedMenu, allowLossy: Bool = false, mediaMap: MediaMap = MediaMap(),
    rollbackOf: Int64? = nil, holder: String? = nil, refuseWarnings: Bool = false,
    restoreOnFailure: Bool = true, confirmed: ConfirmedPlan? = nil
  ) {
    self.desired = desired
    self.allowLossy = allowLossy
    self.mediaMap = mediaMap
    self.rollbackOf = rollbackOf
    self.holder = holder
    self.refuseWarnings = refuseWarnings
    self.restoreOnFailure = restoreOnFailure
    self.confirmed = confirmed
  }
}

/// The two content hashes a person saw on a plan shown earlier: what was live and what would
/// replace it.
public struct ConfirmedPlan: Sendable, Equatable {
  /// The content hash of the live menu the plan was drawn against.
  public var liveHash: String
  /// The content hash of the menu the plan would send.
  public var menuHash: String

  /// Creates a confirmation of a plan's hashes.
  public init(liveHash: String, menuHash: String) {
    self.liveHash = liveHash
    self.menuHash = menuHash
  }

  /// Whether `plan` is the plan that was confirmed.
  public func matches(_ plan: PublishPlan) -> Bool {
    plan.liveMenuHash == liveHash && plan.contentHash == menuHash
  }
}

/// The menu that will be published, checked, with its diff against what is live.
public struct PublishPlan: Sendable {
  /// The menu set that will be sent (media map applied, inactive conditional menus of a
  /// rollback's target left out).
  public var menuSet: MenuSet
  /// Its normalized document and canonical bytes.
  public var document: JSONValue
  /// Its content hash.
  public var contentHash: String
  /// The fidelity notes still standing (lossy conversions that were allowed).
  public var notes: [FidelityNote]
  /// Findings that do not refuse the menu (types the conditional-menu page does not list).
  public var warnings: [ValidationFinding]
  /// A rollback's conditional menus that match nobody today and are not sent: users saw the
  /// rest, so the rest is what users see again.
  public var droppedInactive: [InactiveConditionalMenu]
  /// The pull the plan was made against: what was live then.
  public var pulled: Workflows.PullResult
  /// From live to the new menu.
  public var diff: MenuDiff
  /// For a rollback: the snapshot whose menu is put back.
  public var rollbackOf: Int64?

  /// The content hash of what was live when the plan was made.
  public var liveMenuHash: String { pulled.live.menu.contentHash }

  /// Whether the menu is already live: publishing would change nothing.
  public var isAlreadyLive: Bool { liveMenuHash == contentHash }
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

/// A menu checked and ready to send: media map applied, inactive conditional menus left out
/// where asked, every request it makes checked against the platform's rules.
struct PreparedMenu: Sendable {
  /// What is sent, normalized.
  var menu: NormalizedMenu
  /// The fidelity notes still standing.
  var notes: [FidelityNote]
  /// Findings that do not refuse the menu.
  var warnings: [ValidationFinding]
  /// Conditional menus left out because they match nobody today.
  var dropped: [InactiveConditionalMenu]
}

extension Workflows {
  /// Checks `desired` as a publish, a rollback and a restore all do, before anything is sent:
  /// media map, lossy conversions, and the platform's rules for every request (the create and
  /// each addconditional). Inactive conditional menus are left out when `dropInactive` (WeChat
  /// refuses to add them again), and the others keep their paths in findings.
  static func prepare(
    _ desired: NormalizedMenu, mediaMap: MediaMap = MediaMap(), dropInactive: Bool,
    allowLossy: Bool, refuseWarnings: Bool, allowEmpty: Bool, platform: Platform
  ) throws -> PreparedMenu {
    let wanted = try mediaMap.apply(to: desired.menuSet)
    let dropped = dropInactive ? wanted.inactiveConditionalMenus : []
    let set = dropped.isEmpty ? wanted : wanted.activeOnly
    let mappedPaths = Set(mediaMap.mediaIDs.keys)
    let droppedPaths = dropped.map { $0.path + "." }
    let notes = desired.notes.filter { note in
      !mappedPaths.contains(note.path) && !droppedPaths.contains { note.path.hasPrefix($0) }
    }
    // Rolling back to an empty set (a snapshot of "no menu") deletes the menu; a file to
    // publish needs buttons (`delete` deletes).
    let isEmpty = set.defaultMenu.buttons.isEmpty && set.conditionalMenus.isEmpty
    // A create payload is checked as written, as lint checks it: normalizing drops what a parent
    // must not carry (a type, an action), which the normalized set alone would hide.
    let checked = desired.shape == .create ? try mediaMap.apply(to: desired.readMenuSet) : wanted
    let findings =
      isEmpty && allowEmpty
      ? []
      : MenuValidator(platform: platform).findings(in: checked, skippingInactive: dropInactive)
    let refusals = findings.filter { $0.isRefusal || refuseWarnings }
    guard refusals.isEmpty else { throw WorkflowError.notPublishable(findings: refusals) }
    if set.defaultMenu.buttons.isEmpty && !set.conditionalMenus.isEmpty {
      throw WorkflowError.noDefaultMenu
    }
    let lossy = notes.filter { $0.fidelity == .lossy }
    if !lossy.isEmpty && !allowLossy { throw WorkflowError.lossyRefused(notes: lossy) }
    let menu =
      set == desired.menuSet
      ? desired : try Normalizer.normalize(document: set.document, platform: platform)
    return PreparedMenu(
      menu: menu, notes: notes, warnings: findings.filter { !$0.isRefusal }, dropped: dropped)
  }

  /// Checks the menu (media map, lossy, platform rules for every request it will send),
  /// snapshots what is live and diffs. Touches nothing on the platform: a menu the platform
  /// would refuse is refused here, before the first write.
  public func plan(_ request: PublishRequest, account: Account, api: any MenuAPI) async throws
    -> PublishPlan
  {
    // A rollback puts back what users saw: a conditional menu that has matched nobody since
    // WeChat's privacy change is left out (WeChat refuses to add it again, 65320).
    let prepared = try Self.prepare(
      request.desired, mediaMap: request.mediaMap, dropInactive: request.rollbackOf != nil,
      allowLossy: request.allowLossy, refuseWarnings: request.refuseWarnings,
      allowEmpty: request.rollbackOf != nil, platform: account.platform)
    let pulled = try await readLive(account: account, api: api)
    let sent = prepared.menu
    return PublishPlan(
      menuSet: sent.menuSet, document: sent.document, contentHash: sent.contentHash,
      notes: prepared.notes, warnings: prepared.warnings, droppedInactive: prepared.dropped,
      pulled: pulled, diff: MenuDiff(from: pulled.live.menu.menuSet, to: sent.menuSet),
      rollbackOf: request.rollbackOf)
  }

  /// Publishes a planned menu: takes the account's lock, snapshots what is live (the safety net),
  /// replaces the conditional menus and the default menu, reads back and compares hashes, and
  /// records the outcome. When a step after the first write fails, the safety net is put back
  /// by the same steps (unless the request says not to).
  ///
  /// - Parameters:
  ///   - plan: the plan ``plan(_:account:api:)`` made and a person confirmed.
  ///   - request: the request the plan was made from (rollback target, holder, restore).
  ///   - account: the account to publish to.
  ///   - api: the account's menu API.
  ///   - progress: called with every step as it begins, the safety net included.
  /// - Throws: ``WorkflowError/failed(_:)`` naming the step that failed, the snapshot that holds
  ///   the previous menu and whether it was put back;
  ///   ``WorkflowError/liveChangedSincePlan(plannedSnapshotID:liveSnapshotID:)`` when the menu
  ///   changed after the plan (nothing is sent).
  public func execute(
    _ plan: PublishPlan, request: PublishRequest, account: Account, api: any MenuAPI,
    progress: @Sendable (OperationProgress) -> Void = { _ in }
  ) async throws -> PublishOutcome {
    let kind: VaultOperation.Kind = request.rollbackOf == nil ? .publish : .rollback
    let ((sent, readBack), finished) = try await operate(
      kind, targetSnapshotID: request.rollbackOf, holder: request.holder,
      restoreOnFailure: request.restoreOnFailure, account: account, api: api, progress: progress
    ) { current, operationID, steps in
      // The safety net is taken under the lock: between the plan and now another publish or a
      // website edit may have changed the menu, and then the confirmed diff is not what would
      // happen (nor are the conditional menus to delete the live ones).
      guard current.live.menu.contentHash == plan.liveMenuHash else {
        throw WorkflowError.liveChangedSincePlan(
          plannedSnapshotID: plan.pulled.live.snapshot.id, liveSnapshotID: current.live.snapshot.id)
      }
      try await send(
        plan.menuSet, replacing: current.live, operationID: operationID, restoring: false,
        api: api, progress: progress, steps: &steps)
      try await begin(.recordSent, operationID: operationID, steps: &steps, progress: progress)
      let sentBytes = CanonicalJSON.bytes(plan.document)
      let snapshot = NewSnapshot(
        accountName: account.name, platform: account.platform, takenAt: clock(),
        source: request.rollbackOf == nil ? .create : .rollback, rawBytes: sentBytes,
        canonicalBytes: sentBytes, fidelity: plan.notes.map(\.fidelity).max() ?? .exact,
        rollbackOf: request.rollbackOf)
      let sent = try await vault { try $0.record(snapshot) }
      let readBack = try await self.readBack(
        expecting: plan.contentHash, operationID: operationID, restoring: false, account: account,
        api: api, progress: progress, steps: &steps)
      return ((sent, readBack), readBack.live.snapshot.id)
    }
    return PublishOutcome(plan: plan, operation: finished, sent: sent, readBack: readBack)
  }

  /// The one lifecycle of an operation that changes the live menu (publish, rollback, delete):
  /// takes the account's lock (the operation recorded pending), saves what is live under it (the
  /// safety net), runs `body` with it, and records the operation deployed with the snapshot
  /// `body` read back. When a step fails, the safety net is put back (unless
  /// `restoreOnFailure` is false) and the operation recorded failed.
  ///
  /// `body` gets what is live, the operation's id and the steps taken so far, to which it adds
  /// each step before taking it (``begin(_:operationID:restoring:steps:progress:)``).
  func operate<Value: Sendable>(
    _ kind: VaultOperation.Kind, targetSnapshotID: Int64? = nil, holder: String?,
    restoreOnFailure: Bool, account: Account, api: any MenuAPI,
    progress: @Sendable (OperationProgress) -> Void,
    _ body: (PullResult, Int64, inout [OperationStep]) async throws -> (Value, after: Int64)
  ) async throws -> (Value, VaultOperation) {
    let (name, started) = (account.name, clock())
    let operation = try await vault {
      try $0.beginOperation(
        account: name, kind: kind, targetSnapshotID: targetSnapshotID, holder: holder,
        at: started)
    }
    var safetyNet: PulledDocument?
    var steps: [OperationStep] = [.snapshotLive]
    do {
      let current = try await readLive(account: account, api: api)
      let before = current.live.snapshot.id
      _ = try await vault {
        try $0.markOperationStep(
          id: operation.id, step: .step(.snapshotLive), beforeSnapshotID: before)
      }
      safetyNet = current.live
      progress(.safetyNetSaved(snapshotID: before))
      let (value, after) = try await body(current, operation.id, &steps)
      let finishedAt = clock()
      let finished = try await vault {
        try $0.finishOperation(
          id: operation.id, status: .deployed, afterSnapshotID: after, at: finishedAt)
      }
      return (value, finished)
    } catch {
      throw await fail(
        operationID: operation.id, step: steps.last ?? .snapshotLive, error: error,
        safetyNet: safetyNet, restore: restoreOnFailure, account: account, api: api,
        progress: progress)
    }
  }

  /// Reads the menu back after sending and checks it hashes to `expected`.
  func readBack(
    expecting expected: String, operationID: Int64, restoring: Bool, account: Account,
    api: any MenuAPI, progress: @Sendable (OperationProgress) -> Void,
    steps: inout [OperationStep]
  ) async throws -> PullResult {
    try await begin(
      .readBack, operationID: operationID, restoring: restoring, steps: &steps, progress: progress)
    let readBack = try await readLive(account: account, api: api)
    let found = readBack.live.menu.contentHash
    guard found == expected else {
      throw WorkflowError.readBackMismatch(expected: expected, found: found)
    }
    return readBack
  }

  /// Notes `step` as under way: appended to `steps`, marked on the operation row, and reported
  /// to `progress`.
  func begin(
    _ step: OperationStep, operationID: Int64, restoring: Bool = false,
    steps: inout [OperationStep],
    progress: @Sendable (OperationProgress) -> Void = { _ in }
  ) async throws {
    steps.append(step)
    let recorded: RecordedStep = restoring ? .restore(step) : .step(step)
    _ = try await vault { try $0.markOperationStep(id: operationID, step: recorded) }
    progress(.started(step, restoring: restoring))
  }

  /// Sends the calls that make `target` live in place of `live`: deletes live's conditional
  /// menus, creates the default menu, then adds `target`'s conditional menus in their order; or,
  /// when `target` has no default menu, deletes the menu (which deletes every conditional menu
  /// too). Each step is appended to `steps` (and marked on the operation, as a restore step when `restoring`) before
  /// its call, so the last one names the call under way.
  func send(
    _ target: MenuSet, replacing live: PulledDocument, operationID: Int64, restoring: Bool,
    api: any MenuAPI, progress: @Sendable (OperationProgress) -> Void,
    steps: inout [OperationStep]
  ) async throws {
    if target.defaultMenu.buttons.isEmpty {
      try await begin(
        .deleteMenu, operationID: operationID, restoring: restoring, steps: &steps,
        progress: progress)
      try await api.deleteMenu()
      return
    }
    for menuID in live.menu.metadata.conditionalMenuIDs where !menuID.isEmpty {
      try await begin(
        .deleteConditional(menuID: menuID), operationID: operationID, restoring: restoring,
        steps: &steps, progress: progress)
      try await api.deleteConditionalMenu(menuID: menuID)
    }
    try await begin(
      .createMenu, operationID: operationID, restoring: restoring, steps: &steps, progress: progress
    )
    try await api.createMenu(target.defaultMenu)
    let count = target.conditionalMenus.count
    for (index, menu) in target.conditionalMenus.enumerated() {
      try await begin(
        .addConditional(number: index + 1, count: count), operationID: operationID,
        restoring: restoring,
        steps: &steps, progress: progress)
      let menuID = try await api.addConditionalMenu(menu)
      progress(
        .conditionalMenuAdded(
          number: index + 1, count: count, menuID: menuID, restoring: restoring))
    }
  }

  /// Records a planned menu that is already live as a deployed operation that sent nothing, so
  /// `status` compares with it: after a publish whose create went through before it failed (or
  /// its process was killed), the run that finds the menu live is the one that finishes it.
  ///
  /// - Throws: `VaultStoreError.operationPending(_:)` when another operation holds the
  ///   account's lock.
  public func recordAlreadyLive(_ plan: PublishPlan, request: PublishRequest, account: Account)
    async throws -> VaultOperation
  {
    let live = plan.pulled.live.snapshot.id
    let (name, started) = (account.name, clock())
    let kind: VaultOperation.Kind = request.rollbackOf == nil ? .publish : .rollback
    let clock = self.clock
    return try await vault { store in
      let operation = try store.beginOperation(
        account: name, kind: kind, targetSnapshotID: request.rollbackOf, holder: request.holder,
        at: started)
      try store.markOperationStep(id: operation.id, step: .alreadyLive, beforeSnapshotID: live)
      return try store.finishOperation(
        id: operation.id, status: .deployed, afterSnapshotID: live, at: clock())
    }
  }

  static func describe(_ error: any Error) -> String {
    if let local = error as? any LocalizedError, let text = local.errorDescription { return text }
    return "\(error)"
  }
}
