import GRDB

/// A publish, rollback or delete on an account, recorded Helm-style: pending before it touches the
/// remote side, then deployed or failed. A pending operation is the account's lock.
public struct VaultOperation: Sendable, Equatable {
  /// What an operation does.
  public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
    /// Publishing a menu document.
    case publish
    /// Publishing an earlier snapshot's menu again.
    case rollback
    /// Deleting the live menu.
    case delete
  }

  /// Where an operation stands.
  public enum Status: String, Sendable, Equatable, CaseIterable, Codable {
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
  /// The last step it reached (`snapshot-live`, `create`, `addconditional 1/2`, `read-back`,
  /// `restore: create`, ...).
  public var step: RecordedStep?
  /// Why it failed or was cleared.
  public var reason: String?
  /// The snapshot whose menu it publishes (a rollback's target).
  public var targetSnapshotID: Int64?
  /// The live menu snapshotted before touching anything: the safety net.
  public var beforeSnapshotID: Int64?
  /// The menu read back afterwards.
  public var afterSnapshotID: Int64?
}

extension VaultOperation {
  /// The lock's sentence, the one place it is written: `account 'shop' is locked: publish
  /// operation 7 started 2026-11-21T00:00:00.000Z by pid 4242 is still pending`.
  public var lockDescription: String { "account '\(account)' is locked: \(pendingDescription)" }

  /// `publish operation 7 started 2026-11-21T00:00:00.000Z by pid 4242 is still pending`.
  public var pendingDescription: String {
    let by = holder.map { " by \($0)" } ?? ""
    return "\(kind.rawValue) operation \(id) started \(startedAt.iso8601)\(by) is still pending"
  }
}

// Stored as their raw values (GRDB's conformance for `RawRepresentable`).
extension VaultOperation.Kind: DatabaseValueConvertible {}
extension VaultOperation.Status: DatabaseValueConvertible {}

extension RecordedStep: DatabaseValueConvertible {
  /// The step's text.
  public var databaseValue: DatabaseValue { description.databaseValue }

  /// The step read from its text; `nil` for a value that is not text.
  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RecordedStep? {
    String.fromDatabaseValue(dbValue).map(RecordedStep.init(name:))
  }
}
