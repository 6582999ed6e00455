import Foundation
import MenuVaultCore
import MenuVaultStore

/// What happened to the previous menu after an operation failed.
public enum RestoreOutcome: Sendable, Equatable {
  /// Nothing had been written yet, so there was nothing to put back.
  case notNeeded
  /// Putting the previous menu back was switched off by the request.
  case notAttempted
  /// The previous menu (snapshot `snapshotID`) is live again, read back as `readBackSnapshotID`;
  /// `steps` are the restore's own calls (empty when the failed step had changed nothing).
  case restored(snapshotID: Int64, readBackSnapshotID: Int64, steps: [String])
  /// Putting the previous menu (snapshot `snapshotID`) back failed at `step` for `reason`.
  case failed(snapshotID: Int64, step: String, reason: String)
}

extension Workflows {
  /// Ends a failed operation: puts the safety net back when a write may have happened and the
  /// request allows it, records the operation failed (with "restored #N" and the restore's steps,
  /// or where the restore stopped), releases the lock, and returns the error to throw.
  func fail(
    operationID: Int64, step: String, error: any Error, safetyNet: PulledDocument?,
    restore: Bool, account: Account, api: any MenuAPI, progress: @Sendable (String) -> Void
  ) async -> WorkflowError {
    let reason = Self.describe(error)
    var outcome = RestoreOutcome.notNeeded
    if let safetyNet {
      outcome =
        restore
        ? await self.restore(
          safetyNet, operationID: operationID, account: account, api: api, progress: progress)
        : .notAttempted
    }
    var recorded = "\(step): \(reason)"
    var readBack: Int64?
    switch outcome {
    case .notNeeded, .notAttempted: break
    case .restored(let id, let after, let steps):
      readBack = after
      recorded +=
        "; restored #\(id)"
        + (steps.isEmpty ? " (it was still live)" : " (\(steps.joined(separator: ", ")))")
    case .failed(let id, let restoreStep, let restoreReason):
      recorded += "; restoring #\(id) failed at \(restoreStep): \(restoreReason)"
    }
    _ = try? store.finishOperation(
      id: operationID, status: .failed, reason: recorded, afterSnapshotID: readBack, at: clock())
    if let stale = error as? WorkflowError, case .liveChangedSincePlan = stale { return stale }
    return .failed(
      operationID: operationID, step: step, reason: reason,
      beforeSnapshotID: safetyNet?.snapshot.id,
      restore: outcome)
  }

  /// Puts `safetyNet`'s menu back by the same steps a publish takes: reads what is live now,
  /// replaces it when it differs, and reads back. Conditional menus that match nobody today are
  /// left out (WeChat refuses to add them again). Never throws: the outcome says how it ended.
  func restore(
    _ safetyNet: PulledDocument, operationID: Int64, account: Account, api: any MenuAPI,
    progress: @Sendable (String) -> Void
  ) async -> RestoreOutcome {
    let snapshotID = safetyNet.snapshot.id
    var steps = ["restore: check"]
    do {
      let target = try restorableMenu(safetyNet, platform: account.platform)
      steps.append("restore: read-live")
      try store.markOperationStep(id: operationID, step: "restore: read-live")
      progress("putting the previous menu (snapshot #\(snapshotID)) back")
      let live = try await pull(account: account, api: api)
      guard live.live.menu.contentHash != target.contentHash else {
        return .restored(
          snapshotID: snapshotID, readBackSnapshotID: live.live.snapshot.id, steps: [])
      }
      var sent: [String] = []
      defer { steps += sent }
      try await send(
        target.menuSet, replacing: live.live, operationID: operationID, stepPrefix: "restore: ",
        api: api, progress: progress, steps: &sent)
      sent.append("restore: read-back")
      try store.markOperationStep(id: operationID, step: "restore: read-back")
      let readBack = try await pull(account: account, api: api)
      guard readBack.live.menu.contentHash == target.contentHash else {
        throw WorkflowError.readBackMismatch(
          expected: target.contentHash, found: readBack.live.menu.contentHash)
      }
      return .restored(
        snapshotID: snapshotID, readBackSnapshotID: readBack.live.snapshot.id,
        steps: sent.map { String($0.dropFirst("restore: ".count)) })
    } catch {
      return .failed(
        snapshotID: snapshotID, step: steps.last ?? "restore: check", reason: Self.describe(error))
    }
  }

  /// The safety net's menu as it can be published again: its active conditional menus only,
  /// refused when a person must decide (unpublishable or lossy buttons, broken rules).
  private func restorableMenu(_ safetyNet: PulledDocument, platform: Platform) throws
    -> NormalizedMenu
  {
    let menu = safetyNet.menu
    let blocking = menu.notes.filter { $0.fidelity >= .lossy }
    guard blocking.isEmpty else {
      throw WorkflowError.notRestorable(
        snapshotID: safetyNet.snapshot.id, reasons: blocking.map(\.line))
    }
    let set = menu.menuSet.activeOnly
    let isEmpty = set.defaultMenu.buttons.isEmpty && set.conditionalMenus.isEmpty
    let refusals = isEmpty ? [] : MenuValidator(platform: platform).refusals(in: set)
    guard refusals.isEmpty else {
      throw WorkflowError.notRestorable(
        snapshotID: safetyNet.snapshot.id, reasons: refusals.map(\.line))
    }
    return set == menu.menuSet
      ? menu : try Normalizer.normalize(document: set.document, platform: platform)
  }
}
