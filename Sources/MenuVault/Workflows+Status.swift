import MenuVaultCore
import MenuVaultStore

/// Whether what is live is what the vault last published or recorded: a pull, then the
/// account's status read from the vault it was recorded in.
public struct StatusReport: Sendable {
  /// What the pull saw.
  public var pull: Workflows.PullResult
  /// The account's status after the pull (``Workflows/accountStatus(_:)``, the rule the
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
      let status = try AccountStatus(store.accountStates(names: [account.name])[0])
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

  /// Deletes the live menu (default and conditional) through the same lifecycle as a publish
  /// of the empty menu: under the account's lock, after saving what is live (the safety net),
  /// then reads back that no menu is left. When the delete or its read-back fails, the previous
  /// menu is put back (unless `restoreOnFailure` is false).
  public func delete(
    account: Account, api: any MenuAPI, holder: String?, restoreOnFailure: Bool = true,
    progress: @Sendable (OperationProgress) -> Void = { _ in }
  ) async throws -> PullResult {
    let empty = try Normalizer.noMenu(platform: account.platform)
    let (readBack, _) = try await operate(
      .delete, holder: holder, restoreOnFailure: restoreOnFailure, account: account, api: api,
      progress: progress
    ) { current, operationID, steps in
      try await send(
        empty.menuSet, replacing: current.live, operationID: operationID, restoring: false,
        api: api,
        progress: progress, steps: &steps)
      let readBack = try await self.readBack(
        expecting: empty.contentHash, operationID: operationID, restoring: false, account: account,
        api: api, progress: progress, steps: &steps)
      return (readBack, readBack.live.snapshot.id)
    }
    return readBack
  }
}
