import Foundation
import MenuVaultCore
import MenuVaultPlatform
import MenuVaultStore

extension Workflows {
  /// Ends a failed operation: puts the safety net back when a write may have happened and the
  /// request allows it, records the operation failed (with "restored #N" and the restore's steps,
  /// or where the restore stopped), releases the lock, and returns the error to throw.
  func fail(
    operationID: Int64, step: OperationStep, error: any Error, safetyNet: PulledDocument?,
    restore: Bool, account: Account, api: any MenuAPI,
    progress: @Sendable (OperationProgress) -> Void
  ) async -> WorkflowError {
    var outcome = RestoreOutcome.notNeeded
    if let safetyNet, step.followsAWrite {
      outcome =
        restore
        ? await self.restore(
          safetyNet, operationID: operationID, account: account, api: api, progress: progress)
        : .notAttempted
    }
    var failure = OperationFailure(
      operationID: operationID, step: step, reason: Self.describe(error),
      platformError: error as? PlatformError, beforeSnapshotID: safetyNet?.snapshot.id,
      restore: outcome, lockStillHeld: false)
    var readBack: Int64?
    if case .restored(_, let after, _, _) = outcome { readBack = after }
    failure.lockStillHeld = await !finishFailed(operationID, failure, afterSnapshotID: readBack)
    if let stale = error as? WorkflowError, case .liveChangedSincePlan = stale { return stale }
    return .failed(failure)
  }

  /// Records the operation failed and releases the lock, trying twice (a busy vault); returns
  /// whether the row was finished.
  private func finishFailed(_ id: Int64, _ failure: OperationFailure, afterSnapshotID: Int64?)
    async -> Bool
  {
    let (reason, clock) = (failure.recordedReason, self.clock)
    for _ in 0..<2 {
      let finished = try? await vault {
        try $0.finishOperation(
          id: id, status: .failed, reason: reason, afterSnapshotID: afterSnapshotID, at: clock())
      }
      if finished != nil { return true }
    }
    return false
  }

  /// Puts `safetyNet`'s menu back by the same steps a publish takes: reads what is live now,
  /// replaces it when it differs, and reads back. Conditional menus that match nobody today are
  /// left out (WeChat refuses to add them again). Never throws: the outcome says how it ended.
  func restore(
    _ safetyNet: PulledDocument, operationID: Int64, account: Account, api: any MenuAPI,
    progress: @Sendable (OperationProgress) -> Void
  ) async -> RestoreOutcome {
    let snapshotID = safetyNet.snapshot.id
    var steps: [OperationStep] = []
    do {
      progress(.restoreStarted(snapshotID: snapshotID))
      try await begin(.readLive, operationID: operationID, restoring: true, steps: &steps)
      let pulled = try await readLive(account: account, api: api)
      // The failure may have changed nothing: then the previous menu, inactive conditional
      // menus and lossy buttons included, is still there and must not be touched (nor checked:
      // a menu set on the website need not be publishable to stay live).
      let liveHash = pulled.live.menu.contentHash
      if liveHash == safetyNet.menu.contentHash {
        return .restored(
          snapshotID: snapshotID, readBackSnapshotID: pulled.live.snapshot.id, steps: [],
          dropped: [])
      }
      steps.append(.checkRestorable)
      let target = try Self.prepare(
        safetyNet.menu, dropInactive: true, allowLossy: false, refuseWarnings: false,
        allowEmpty: true, platform: account.platform)
      // Or the previous menu without its inactive conditional menus is.
      if liveHash == target.menu.contentHash {
        return .restored(
          snapshotID: snapshotID, readBackSnapshotID: pulled.live.snapshot.id, steps: [],
          dropped: target.dropped)
      }
      var sent: [OperationStep] = []
      defer { steps += sent }
      try await send(
        target.menu.menuSet, replacing: pulled.live, operationID: operationID, restoring: true,
        api: api, progress: progress, steps: &sent)
      let readBack = try await self.readBack(
        expecting: target.menu.contentHash, operationID: operationID, restoring: true,
        account: account, api: api, progress: progress, steps: &sent)
      return .restored(
        snapshotID: snapshotID, readBackSnapshotID: readBack.live.snapshot.id, steps: sent,
        dropped: target.dropped)
    } catch {
      return .failed(
        snapshotID: snapshotID, step: steps.last ?? .readLive, reason: Self.describe(error),
        platformError: error as? PlatformError)
    }
  }
}
