import MenuVaultCore
import MenuVaultStore

/// Whether what is live is what the vault last published or recorded.
public struct StatusReport: Sendable {
  /// What the pull saw.
  public var pull: Workflows.PullResult
  /// The snapshot compared against: the read-back of the last deployed publish, rollback or
  /// delete, else the account's last snapshot before this pull; `nil` for a new account.
  public var reference: SnapshotInfo?
  /// From the reference to what is live.
  public var diff: MenuDiff
  /// A publish, rollback or delete still pending (or killed half way), which explains drift.
  public var pendingOperation: VaultOperation?

  /// Whether live matches the reference (a new account is in sync with itself).
  public var isInSync: Bool {
    reference.map { $0.contentHash == pull.live.menu.contentHash } ?? true
  }
}

extension Workflows {
  /// Pulls and compares with the last menu this vault published (the read-back of the last
  /// deployed publish, rollback or delete), else with the last live snapshot recorded before this
  /// pull.
  public func status(account: Account, api: any MenuAPI) async throws -> StatusReport {
    // The last menu this vault put live: a deployed operation's read-back, or the read-back of
    // the previous menu a failed one put back.
    let name = account.name
    let (deployed, lastBySource) = try await vault { store in
      let deployed = try store.lastReadBackOperation(account: name)
      // The last live snapshot of each read, taken before this pull adds new ones.
      var lastBySource: [SnapshotSource: SnapshotInfo] = [:]
      // Only the platform's reads: asking for a source an account never had walks its whole
      // history.
      let reads: [SnapshotSource] = account.platform == .weibo ? [.weiboShow] : [.get, .selfmenu]
      for source in reads {
        lastBySource[source] = try store.latestSnapshot(account: name, source: source)
      }
      return (deployed, lastBySource)
    }
    let pulled = try await pull(account: account, api: api)
    let liveSource = pulled.live.live.source
    let platform = account.platform
    let (reference, referenceSet, pending) = try await vault { store in
      var reference: SnapshotInfo?
      if let after = deployed?.afterSnapshotID {
        reference = try store.snapshot(id: after)
      } else {
        reference = lastBySource[liveSource]
      }
      var referenceSet = MenuSet(defaultMenu: Menu(buttons: []))
      if let reference {
        let bytes = try store.canonicalBytes(snapshotID: reference.id)
        referenceSet = try Normalizer.normalize(bytes, platform: platform, shape: .create).menuSet
      }
      return (reference, referenceSet, try store.pendingOperation(account: name))
    }
    return StatusReport(
      pull: pulled, reference: reference,
      diff: MenuDiff(from: referenceSet, to: pulled.live.menu.menuSet),
      pendingOperation: pending)
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
