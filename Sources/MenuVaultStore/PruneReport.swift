/// How much a prune removed, or in a dry run would remove.
public struct PruneCounts: Sendable, Equatable {
  /// How many snapshots: unchanged re-fetches.
  public var snapshots: Int
  /// How many blobs: stored contents that no snapshot refers to any more.
  public var blobs: Int
  /// The bytes those rows took in the vault file: each row's record and index entries as
  /// SQLite lays them out, a blob's content included, the free space left within pages aside.
  public var bytes: Int64

  /// Creates counts.
  public init(snapshots: Int = 0, blobs: Int = 0, bytes: Int64 = 0) {
    self.snapshots = snapshots
    self.blobs = blobs
    self.bytes = bytes
  }

  /// Whether nothing was (or would be) removed.
  public var isEmpty: Bool { snapshots == 0 && blobs == 0 }
}

/// What a prune removed from one account.
public struct PrunedAccount: Sendable, Equatable {
  /// The account's name.
  public var account: String
  /// Its snapshots removed, and the blobs that only they referred to (a blob several accounts'
  /// removed snapshots referred to counts for the first of them by name).
  public var removed: PruneCounts

  /// Creates an account's line of a report.
  public init(account: String, removed: PruneCounts) {
    self.account = account
    self.removed = removed
  }
}

/// What a prune removed, or in a dry run would remove: the unchanged re-fetches taken before
/// ``cutoff`` that are neither the first nor the last of their unchanged run and that nothing
/// refers to, and the content no snapshot refers to afterwards.
public struct PruneReport: Sendable, Equatable {
  /// Only snapshots taken before this time were considered.
  public var cutoff: Timestamp
  /// Whether this was a dry run: the numbers are what a prune would remove now, and the vault
  /// was not changed.
  public var dryRun: Bool
  /// The accounts that had (or would have) something removed, by name.
  public var accounts: [PrunedAccount]
  /// Everything removed: the accounts' counts, plus any blob that no snapshot referred to even
  /// before the prune.
  public var total: PruneCounts

  /// Creates a report.
  public init(cutoff: Timestamp, dryRun: Bool, accounts: [PrunedAccount], total: PruneCounts) {
    self.cutoff = cutoff
    self.dryRun = dryRun
    self.accounts = accounts
    self.total = total
  }
}
