import MenuVaultStore

/// What to prune: how recent a re-fetch must be to stay whatever it is, whose, and whether only
/// to count.
public struct PruneRequest: Sendable, Equatable {
  /// How long every snapshot stays: 30 days unless said otherwise.
  public static let defaultKeepWithin: Duration = .seconds(30 * 24 * 60 * 60)

  /// Snapshots taken within this long before now stay, whatever they are; a negative length
  /// counts as zero.
  public var keepWithin: Duration
  /// Only this account's snapshots; `nil` for every account's.
  public var account: String?
  /// Count what would go and change nothing.
  public var dryRun: Bool

  /// Creates a request.
  public init(
    keepWithin: Duration = PruneRequest.defaultKeepWithin, account: String? = nil,
    dryRun: Bool = false
  ) {
    self.keepWithin = keepWithin
    self.account = account
    self.dryRun = dryRun
  }
}

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
  /// Its snapshots removed, and the blobs only they referred to (a blob that the removed
  /// snapshots of several accounts referred to counts for the first of them by name).
  public var removed: PruneCounts

  /// Creates an account's line of a result.
  public init(account: String, removed: PruneCounts) {
    self.account = account
    self.removed = removed
  }
}

/// What a prune removed (or in a dry run would remove), and what verifying the vault afterwards
/// found.
public struct PruneResult: Sendable, Equatable {
  /// Only snapshots taken before this time were considered: now less the window kept.
  public var cutoff: Timestamp
  /// Whether this was a dry run: the numbers are what a prune would remove now, and the vault
  /// was not changed.
  public var dryRun: Bool
  /// The accounts that had (or would have) something removed, by name.
  public var accounts: [PrunedAccount]
  /// Everything removed: the accounts' counts, plus any blob that no snapshot referred to even
  /// before the prune.
  public var total: PruneCounts
  /// The vault's check after the prune (in a dry run, of the vault as it is).
  public var verification: VerifyReport

  /// Creates a result.
  public init(
    cutoff: Timestamp, dryRun: Bool, accounts: [PrunedAccount], total: PruneCounts,
    verification: VerifyReport
  ) {
    self.cutoff = cutoff
    self.dryRun = dryRun
    self.accounts = accounts
    self.total = total
    self.verification = verification
  }
}

extension Workflows {
  /// Removes the unchanged re-fetches history does not need and the content only they held,
  /// then verifies the vault.
  ///
  /// Of the re-fetches (`get`, `selfmenu` and `weibo-show` snapshots whose content did not
  /// change) taken longer than `request.keepWithin` ago, the first and the last of every run of
  /// the same content stay, so the history still shows when each state was first and last
  /// seen; every change, create, import and rollback stays, and so does every snapshot an
  /// operation, a rollback or an account's state refers to. History's changes, and every
  /// account's status, read the same before and after. Everything goes in one write
  /// transaction; a dry run reads only (on a vault opened with
  /// `VaultStore.openForReading(path:)`, the file is left byte for byte).
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)` for an account that does not exist.
  public func prune(_ request: PruneRequest) async throws -> PruneResult {
    let cutoff = Self.cutoff(now: clock(), keepWithin: request.keepWithin)
    return try await vault { store in
      let outcome = try store.prune(
        before: cutoff, accounts: request.account.map { [$0] }, dryRun: request.dryRun)
      return PruneResult(
        cutoff: cutoff, dryRun: request.dryRun,
        accounts: outcome.byAccount.sorted { $0.key < $1.key }.map {
          PrunedAccount(account: $0.key, removed: PruneCounts($0.value))
        },
        total: PruneCounts(outcome.total), verification: try store.verify())
    }
  }

  /// `now` less `keepWithin` (at least zero), to the millisecond, clamped to the times a
  /// timestamp holds.
  static func cutoff(now: Timestamp, keepWithin: Duration) -> Timestamp {
    let (seconds, attoseconds) = max(keepWithin, .zero).components
    let window = min(seconds, Int64.max / 1000 - 1) * 1000 + attoseconds / 1_000_000_000_000_000
    let (time, below) = now.millisecondsSince1970.subtractingReportingOverflow(window)
    return Timestamp(millisecondsSince1970: below ? Int64.min : time)
  }
}

extension PruneCounts {
  /// The counts of the store's rows.
  init(_ rows: PrunedRows) {
    self.init(snapshots: rows.snapshots, blobs: rows.blobs, bytes: rows.bytes)
  }
}
