/// A publish, rollback or delete on an account, recorded Helm-style: pending before it touches the
/// remote side, then deployed or failed. A pending operation is the account's lock.
public struct VaultOperation: Sendable, Equatable {
  /// What an operation does.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// Publishing a menu document.
    case publish
    /// Publishing an earlier snapshot's menu again.
    case rollback
    /// Deleting the live menu.
    case delete
  }

  /// Where an operation stands.
  public enum Status: String, Sendable, Equatable, CaseIterable {
    /// Under way; holds the account's lock.
    case pending
    /// Finished successfully.
    case deployed
    /// Finished unsuccessfully, or cleared after its process died; `reason` says why.
    case failed
  }

  /// The operation's number.
  public var id: Int64
  /// The account's name.
  public var account: String
  /// What it does.
  public var kind: Kind
  /// Where it stands.
  public var status: Status
  /// When it began.
  public var startedAt: Timestamp
  /// When it ended; `nil` while pending.
  public var finishedAt: Timestamp?
  /// Who runs it (e.g. a process id and host), to judge whether a pending lock is stale.
  public var holder: String?
  /// The last step it reached (e.g. `snapshot-live`, `create`, `addconditional`, `read-back`).
  public var step: String?
  /// Why it failed or was cleared.
  public var reason: String?
  /// The snapshot whose menu it publishes (a rollback's target).
  public var targetSnapshotID: Int64?
  /// The live menu snapshotted before touching anything: the safety net.
  public var beforeSnapshotID: Int64?
  /// The menu read back afterwards.
  public var afterSnapshotID: Int64?
}
