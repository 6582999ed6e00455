import Foundation
import MenuVaultCore
import MenuVaultJSON
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

  /// Creates a request.
  public init(
    desired: NormalizedMenu, allowLossy: Bool = false, mediaMap: MediaMap = MediaMap(),
    rollbackOf: Int64? = nil, holder: String? = nil, refuseWarnings: Bool = false,
    restoreOnFailure: Bool = true
  ) {
    self.desired = desired
    self.allowLossy = allowLossy
    self.mediaMap = mediaMap
    self.rollbackOf = rollbackOf
    self.holder = holder
    self.refuseWarnings = refuseWarnings
    self.restoreOnFailure = restoreOnFailure
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
    let wanted = try request.mediaMap.apply(to: request.desired.menuSet)
    // A rollback puts back what users saw: a conditional menu that has matched nobody since
    // WeChat's privacy change is left out (WeChat refuses to add it again, 65320).
    let dropped = request.rollbackOf == nil ? [] : wanted.inactiveConditionalMenus
    let set = dropped.isEmpty ? wanted : wanted.activeOnly
    let mapped = try Normalizer.normalize(document: set.document, platform: account.platform)
    let mappedPaths = Set(request.mediaMap.mediaIDs.keys)
    let droppedPaths = dropped.map { $0.path + "." }
    let notes = request.desired.notes.filter { note in
      !mappedPaths.contains(note.path) && !droppedPaths.contains { note.path.hasPrefix($0) }
    }
    // Rolling back to an empty set (a snapshot of "no menu") deletes the menu; a file to publish
    // needs buttons (`delete` deletes).
    let isEmpty = set.defaultMenu.buttons.isEmpty && set.conditionalMenus.isEmpty
    // A create payload is checked as written, as lint checks it: normalizing drops what a parent
    // must not carry (a type, an action), which the normalized set alone would hide.
    var checked =
      request.desired.shape == .create
      ? try request.mediaMap.apply(to: request.desired.readMenuSet) : wanted
    if !dropped.isEmpty { checked = checked.activeOnly }
    // Every payload the operation sends (create, each addconditional) is checked here, before
    // the first write: a refusal half way would leave the account half-published.
    let findings =
      isEmpty && request.rollbackOf != nil
      ? [] : MenuValidator(platform: account.platform).findings(in: checked)
    let refusals = findings.filter { $0.isRefusal || request.refuseWarnings }
    guard refusals.isEmpty else { throw WorkflowError.notPublishable(findings: refusals) }
    if set.defaultMenu.buttons.isEmpty && !set.conditionalMenus.isEmpty {
      throw WorkflowError.noDefaultMenu
    }
    let lossy = notes.filter { $0.fidelity == .lossy }
    if !lossy.isEmpty && !request.allowLossy { throw WorkflowError.lossyRefused(notes: lossy) }
    let live = try await pull(account: account, api: api)
    return PublishPlan(
      menuSet: mapped.menuSet, document: mapped.document, contentHash: mapped.contentHash,
      notes: notes, warnings: findings.filter { !$0.isRefusal }, droppedInactive: dropped,
      live: live, diff: MenuDiff(from: live.live.menu.menuSet, to: mapped.menuSet))
  }

  /// Publishes a planned menu: takes the account's lock, snapshots what is live (the safety net),
  /// replaces the conditional menus and the default menu, reads back and compares hashes, and
  /// records the outcome. When a step after the first write fails, the safety net is put back
  /// by the same steps (unless the request says not to).
  ///
  /// - Parameter progress: called with one line per step, for a terminal.
  /// - Throws: ``WorkflowError/failed(operationID:step:reason:beforeSnapshotID:restore:)``
  ///   naming the step that failed, the snapshot that holds the previous menu and whether it was
  ///   put back.
  public func execute(
    _ plan: PublishPlan, request: PublishRequest, account: Account, api: any MenuAPI,
    progress: @Sendable (String) -> Void = { _ in }
  ) async throws -> PublishOutcome {
    let kind: VaultOperation.Kind = request.rollbackOf == nil ? .publish : .rollback
    let operation = try store.beginOperation(
      account: account.name, kind: kind, targetSnapshotID: request.rollbackOf,
      holder: request.holder, at: clock())
    var safetyNet: PulledDocument?
    var steps = ["snapshot-live"]
    do {
      // The safety net is taken under the lock: between the plan and now another publish or a
      // website edit may have changed the menu, and then the confirmed diff is not what would
      // happen (nor are the conditional menus to delete the live ones).
      let current = try await pull(account: account, api: api)
      try store.markOperationStep(
        id: operation.id, step: "snapshot-live", beforeSnapshotID: current.live.snapshot.id)
      guard current.live.menu.contentHash == plan.live.live.menu.contentHash else {
        throw WorkflowError.liveChangedSincePlan(
          plannedSnapshotID: plan.live.live.snapshot.id, liveSnapshotID: current.live.snapshot.id)
      }
      safetyNet = current.live
      try await send(
        plan.menuSet, replacing: current.live, operationID: operation.id, stepPrefix: "",
        api: api, progress: progress, steps: &steps)
      let sentBytes = CanonicalJSON.bytes(plan.document)
      let sent = try store.record(
        NewSnapshot(
          accountName: account.name, platform: account.platform, takenAt: clock(),
          source: request.rollbackOf == nil ? .create : .rollback, rawBytes: sentBytes,
          canonicalBytes: sentBytes, fidelity: plan.notes.map(\.fidelity).max() ?? .exact,
          rollbackOf: request.rollbackOf))
      steps.append("read-back")
      try store.markOperationStep(id: operation.id, step: "read-back")
      progress("reading the menu back")
      let readBack = try await pull(account: account, api: api)
      let readHash = readBack.live.menu.contentHash
      guard readHash == plan.contentHash else {
        throw WorkflowError.readBackMismatch(expected: plan.contentHash, found: readHash)
      }
      let finished = try store.finishOperation(
        id: operation.id, status: .deployed, afterSnapshotID: readBack.live.snapshot.id, at: clock()
      )
      return PublishOutcome(plan: plan, operation: finished, sent: sent, readBack: readBack)
    } catch {
      throw await fail(
        operationID: operation.id, step: steps.last ?? "snapshot-live", error: error,
        safetyNet: safetyNet,
        restore: request.restoreOnFailure, account: account, api: api, progress: progress)
    }
  }

  /// Sends the calls that make `target` live in place of `live`: deletes live's conditional
  /// menus, creates the default menu (or deletes the menu when `target` has none), then adds
  /// `target`'s conditional menus in their order. Each step is appended to `steps` (and marked on
  /// the operation) before its call, so the last one names the call under way.
  func send(
    _ target: MenuSet, replacing live: PulledDocument, operationID: Int64, stepPrefix: String,
    api: any MenuAPI, progress: @Sendable (String) -> Void, steps: inout [String]
  ) async throws {
    func begin(_ step: String, _ line: String) throws {
      steps.append(stepPrefix + step)
      try store.markOperationStep(id: operationID, step: stepPrefix + step)
      progress(stepPrefix + line)
    }
    for menuID in live.menu.metadata.conditionalMenuIDs where !menuID.isEmpty {
      try begin("delconditional \(menuID)", "deleting conditional menu \(menuID)")
      try await api.deleteConditionalMenu(menuID: menuID)
    }
    if target.defaultMenu.buttons.isEmpty {
      try begin("delete", "deleting the menu (the target has none)")
      try await api.deleteMenu()
    } else {
      try begin("create", "creating the default menu")
      try await api.createMenu(target.defaultMenu)
    }
    let count = target.conditionalMenus.count
    for (index, menu) in target.conditionalMenus.enumerated() {
      try begin(
        "addconditional \(index + 1)/\(count)", "adding conditional menu \(index + 1) of \(count)")
      let menuID = try await api.addConditionalMenu(menu)
      progress("\(stepPrefix)conditional menu \(index + 1) has menuid \(menuID)")
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
