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

/// What a prune removed (or would remove), and what verifying the vault afterwards found.
public struct PruneResult: Sendable, Equatable {
  /// What was removed, by account and in total; in a dry run, what would be.
  public var report: PruneReport
  /// The vault's check after the prune (before nothing changed, in a dry run).
  public var verification: VerifyReport
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
      let report = try store.prune(
        before: cutoff, accounts: request.account.map { [$0] }, dryRun: request.dryRun)
      return PruneResult(report: report, verification: try store.verify())
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
