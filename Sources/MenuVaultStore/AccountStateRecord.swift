import MenuVaultCore

/// What the vault keeps current about one account (its `account_state` row) with the snapshots
/// and operations it points at: all the facts its state is judged from, read in one go.
package struct AccountStateRecord: Sendable {
  /// The account.
  package var account: Account
  /// The read of the last pull that holds the live menu (the rule of ``LiveRead``).
  package var live: SnapshotInfo?
  /// The snapshot live is compared with.
  package var reference: SnapshotInfo?
  /// The operation whose read-back is ``reference``; `nil` when it is the pull before.
  package var referenceOperation: VaultOperation?
  /// The pending operation holding the account's lock.
  package var pendingOperation: VaultOperation?
  /// The newest operation, finished or not.
  package var lastOperation: VaultOperation?
  /// How many of the account's snapshots are changes.
  package var changes: Int
  /// When a pull was last tried, whatever came of it.
  package var lastAttemptAt: Timestamp?
  /// The last failed pull's one-line error (secrets redacted); `nil` after a success.
  package var lastError: String?
  /// Failed pulls since the last good one.
  package var consecutiveFailures: Int
  /// When the watcher means to pull next.
  package var nextPullAt: Timestamp?
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

  /// The reads of any pull, of either platform.
  static let allSources: [SnapshotSource] = [.get, .selfmenu, .weiboShow]

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
