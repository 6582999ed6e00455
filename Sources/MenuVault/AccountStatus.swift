import MenuVaultCore
import MenuVaultStore

/// Where an account's live menu stands, judged from the vault alone (no call to the platform):
/// the one rule that `status`, the overview page and every other frontend read.
public struct AccountStatus: Sendable {
  /// The four states an account can be in.
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

  /// Reads `account`'s status from `store`.
  package static func read(_ account: Account, from store: VaultStore) throws -> AccountStatus {
    let name = account.name
    let lastPull = try store.lastRead(account: name, sources: LiveRead.sources(account.platform))
    let live = LiveRead.choose(lastPull, source: \.source, contentHash: \.contentHash)
    var reference: SnapshotInfo?
    var reason: ReferenceReason?
    if let deployed = try store.lastReadBackOperation(account: name),
      let after = deployed.afterSnapshotID
    {
      reference = try store.snapshot(id: after)
      reason = .readBack(of: deployed)
    } else if let live {
      reference = try store.history(
        account: name, before: live.id, limit: 1, changesOnly: false, source: live.source
      ).first
      reason = reference.map { _ in .previousPull }
    }
    let pending = try store.pendingOperation(account: name)
    let state: State
    if pending != nil {
      state = .locked
    } else if let live {
      state = reference.map { $0.contentHash == live.contentHash } ?? true ? .inSync : .drifted
    } else {
      state = .neverPulled
    }
    return AccountStatus(
      account: account, state: state, live: live, reference: reference, referenceReason: reason,
      pendingOperation: pending, lastOperation: try store.operations(account: name, limit: 1).first,
      changes: try store.snapshotCount(account: name, changesOnly: true))
  }
}

/// Which read of one pull says what users see: `menu/get` unless it holds no menu (a menu set on
/// the website, which `menu/get` does not show), then `get_current_selfmenu_info`; Weibo's show.
/// Judged by content, so a `menu/get` answer of an empty button list and one that says "no
/// menu" are read alike, at pull time and from the vault.
package enum LiveRead {
  /// The reads one pull of `platform` makes, in order.
  package static func sources(_ platform: Platform) -> [SnapshotSource] {
    platform == .weibo ? [.weiboShow] : [.get, .selfmenu]
  }

  /// The content hash of no menu at all (`{}`), on either platform.
  package static let noMenuHash = MenuSet(defaultMenu: Menu(buttons: [])).contentHash

  /// The read among `reads` (one pull's) that holds the live menu; `nil` for no reads.
  package static func choose<Read>(
    _ reads: [Read], source: (Read) -> SnapshotSource, contentHash: (Read) -> String
  ) -> Read? {
    reads.first { source($0) == .get && contentHash($0) != noMenuHash }
      ?? reads.first { source($0) == .selfmenu }
      ?? reads.first { source($0) == .get } ?? reads.first
  }
}

extension Workflows {
  /// Where `account` stands, from the vault alone.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func accountStatus(_ account: Account) async throws -> AccountStatus {
    try await vault { try AccountStatus.read(account, from: $0) }
  }

  /// Where every account stands, from the vault alone, in name order.
  public func accountStatuses() async throws -> [AccountStatus] {
    try await vault { store in try store.accounts().map { try AccountStatus.read($0, from: store) }
    }
  }
}
