import MenuVaultCore
import MenuVaultStore

/// Whether what is live is what the vault last published or recorded: a pull, then the
/// account's status read from the vault it was recorded in.
public struct StatusReport: Sendable {
  /// What the pull saw.
  public var pull: Workflows.PullResult
  /// The account's status after the pull (``AccountStatus/read(_:from:)``, the rule the
  /// overview page reads too).
  public var status: AccountStatus
  /// From the reference to what is live.
  public var diff: MenuDiff

  /// The snapshot compared against: the read-back of the last deployed publish, rollback or
  /// delete, else the account's previous snapshot of the live read; `nil` for a new account.
  public var reference: SnapshotInfo? { status.reference }

  /// A publish, rollback or delete still pending (or killed half way), which explains drift.
  public var pendingOperation: VaultOperation? { status.pendingOperation }

  /// Whether live matches the reference (a new account is in sync with itself).
  public var isInSync: Bool {
    reference.map { $0.contentHash == pull.live.menu.contentHash } ?? true
  }
}

extension Workflows {
  /// Pulls, then reads the account's status from the vault (``accountStatus(_:)``) and diffs
  /// the live menu against its reference.
  public func status(account: Account, api: any MenuAPI) async throws -> StatusReport {
    let pulled = try await pull(account: account, api: api)
    let platform = account.platform
    let (status, referenceSet) = try await vault { store in
      let status = try AccountStatus.read(account, from: store)
      var referenceSet = MenuSet(defaultMenu: Menu(buttons: []))
      if let reference = status.reference {
        let bytes = try store.canonicalBytes(snapshotID: reference.id)
        referenceSet = try Normalizer.normalize(bytes, platform: platform, shape: .create).menuSet
      }
      return (status, referenceSet)
    }
    return StatusReport(
      pull: pulled, status: status, diff: MenuDiff(from: referenceSet, to: pulled.live.menu.menuSet)
    )
  }

  /// Snapshots the live menu, then deletes it (default and conditional) under the account's lock
  /// and reads back that no menu is left. When the delete or its read-back fails, the previous
  /// menu is put back (unless `restoreOnFailure` is false).
  public func delete(
    account: Account, api: any MenuAPI, holder: String?, restoreOnFailure: Bool = true,
    progress: @Sendable (String) -> Void = { _ in }
  ) async throws -> PullResult {
    let (name, started) = (account.name, clock())
    let operation = try await vault {
      try $0.beginOperation(account: name, kind: .delete, holder: holder, at: started)
    }
    var steps: [OperationStep] = [.snapshotLive]
    var safetyNet: PulledDocument?
    do {
      let live = try await pull(account: account, api: api)
      let before = live.live.snapshot.id
      _ = try await vault {
        try $0.markOperationStep(
          id: operation.id, step: OperationStep.snapshotLive.description,
          beforeSnapshotID: before)
      }
      safetyNet = live.live
      try await begin(.deleteMenu, operationID: operation.id, steps: &steps)
      progress("deleting the menu")
      try await api.deleteMenu()
      try await begin(.readBack, operationID: operation.id, steps: &steps)
      progress("reading the menu back")
      let readBack = try await pull(account: account, api: api)
      let empty = try Normalizer.noMenu(platform: account.platform)
      guard readBack.live.menu.contentHash == empty.contentHash else {
        throw WorkflowError.readBackMismatch(
          expected: empty.contentHash, found: readBack.live.menu.contentHash)
      }
      let (after, finishedAt) = (readBack.live.snapshot.id, clock())
      _ = try await vault {
        try $0.finishOperation(
          id: operation.id, status: .deployed, afterSnapshotID: after, at: finishedAt)
      }
      return readBack
    } catch {
      throw await fail(
        operationID: operation.id, step: steps.last ?? .snapshotLive, error: error,
        safetyNet: safetyNet,
        restore: restoreOnFailure, account: account, api: api, progress: progress)
    }
  }
}
