import MenuVaultCore
import MenuVaultStore

/// Where an account's live menu stands, judged from the vault alone (no call to the platform):
/// the one rule that `status`, the overview page and every other frontend read. Every pull and
/// operation keeps the facts it is judged from current, so reading it is one read of the vault.
public struct AccountStatus: Sendable {
  /// The states an account can be in.
  public enum State: String, Sendable, Codable, CaseIterable {
    /// The vault holds no pull of the live menu yet.
    case neverPulled = "never-pulled"
    /// The last pull saw what the vault last put live (or, when it never published, what the
    /// pull before it saw; the first pull is in sync with itself).
    case inSync = "in-sync"
    /// The last pull saw something else: someone changed the menu elsewhere.
    case drifted
    /// A publish, rollback or delete is pending (or was killed half way): it holds the lock.
    case locked
    /// The last pull failed (``AccountStatus/lastError`` says why); what was live before is
    /// still in ``AccountStatus/live``.
    case failing
  }

  /// Why the reference snapshot is the one live is compared with.
  public enum ReferenceReason: Sendable, Equatable, CustomStringConvertible {
    /// The read-back of the last finished publish, rollback or delete.
    case readBack(of: VaultOperation)
    /// No operation put a menu live: the snapshot of the same read before the live one.
    case previousPull

    /// `the read-back of publish 3`, `the pull before it`.
    public var description: String {
      switch self {
      case .readBack(let operation): "the read-back of \(operation.kind.rawValue) \(operation.id)"
      case .previousPull: "the pull before it"
      }
    }
  }

  /// The account.
  public var account: Account
  /// In sync, drifted, locked or never pulled.
  public var state: State
  /// The snapshot the last pull found live (the rule of `LiveRead`), `nil` when never pulled.
  public var live: SnapshotInfo?
  /// The snapshot live is compared with, `nil` before there is one.
  public var reference: SnapshotInfo?
  /// Why ``reference`` is the one, `nil` when there is none.
  public var referenceReason: ReferenceReason?
  /// The pending operation holding the account's lock.
  public var pendingOperation: VaultOperation?
  /// The newest operation, finished or not.
  public var lastOperation: VaultOperation?
  /// How many of the account's snapshots are changes.
  public var changes: Int

  /// When the last good pull was (the live snapshot's time), `nil` when never pulled.
  public var lastPullAt: Timestamp? { live?.takenAt }
  /// When a pull was last tried, whatever came of it (`nil` for none since this was kept).
  public var lastAttemptAt: Timestamp?
  /// The last failed pull's one-line error (secrets redacted); `nil` after a good pull.
  public var lastError: String?
  /// Failed pulls since the last good one.
  public var consecutiveFailures: Int
  /// When the watcher means to pull next; `nil` when nothing is planned.
  public var nextPullAt: Timestamp?
}

extension AccountStatus {
  /// The status of the account whose kept state is `record`: the one rule.
  package init(_ record: AccountStateRecord) {
    let state: State
    if record.pendingOperation != nil {
      state = .locked
    } else if record.consecutiveFailures > 0 {
      state = .failing
    } else if let live = record.live {
      state =
        record.reference.map { $0.contentHash == live.contentHash } ?? true ? .inSync : .drifted
    } else {
      state = .neverPulled
    }
    self.init(
      account: record.account, state: state, live: record.live, reference: record.reference,
      referenceReason: record.reference.map { _ in
        record.referenceOperation.map { .readBack(of: $0) } ?? .previousPull
      },
      pendingOperation: record.pendingOperation, lastOperation: record.lastOperation,
      changes: record.changes, lastAttemptAt: record.lastAttemptAt, lastError: record.lastError,
      consecutiveFailures: record.consecutiveFailures, nextPullAt: record.nextPullAt)
  }
}

extension Workflows {
  /// Where `account` stands, from the vault alone (one read).
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func accountStatus(_ account: Account) async throws -> AccountStatus {
    try await vault { try AccountStatus($0.accountStates(names: [account.name])[0]) }
  }

  /// Where every active account stands, from the vault alone, in name order: one read,
  /// however many accounts there are.
  public func accountStatuses() async throws -> [AccountStatus] {
    try await vault { try $0.accountStates().map(AccountStatus.init) }
  }
}

extension Workflows {
  /// Notes when each account (by name) is to be pulled next, as its state's
  /// ``AccountStatus/nextPullAt``: a scheduler's plan, shown by the overview. One transaction.
  public func planNextPulls(_ plan: [String: Timestamp]) async throws {
    try await vault { try $0.scheduleNextPulls(plan.mapValues { $0 }) }
  }
}
