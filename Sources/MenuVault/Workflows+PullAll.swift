import Foundation
import MenuVaultStore

/// Why one account of a pull of many was not pulled.
public struct AccountPullFailure: Sendable {
  /// The account's name.
  public var account: String
  /// What stopped it: an ``AccountClientError`` (its client could not be built), a
  /// `PlatformError` (already scrubbed of credentials by the account's client), a
  /// ``WorkflowError`` or a `VaultStoreError`.
  public var error: any Error

  /// Creates a failure.
  public init(account: String, error: any Error) {
    self.account = account
    self.error = error
  }

  /// The error's one line, as its type words it.
  public var reason: String {
    (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
  }
}

/// How one account of a pull of many ended.
public enum AccountPullOutcome: Sendable {
  /// Every response was fetched and snapshotted.
  case pulled(Workflows.PullResult)
  /// The account was not pulled; nothing of it was recorded.
  case failed(AccountPullFailure)

  /// The account's name.
  public var account: String {
    switch self {
    case .pulled(let result): return result.account
    case .failed(let failure): return failure.account
    }
  }
}

/// Where a pull of many accounts stands, reported each time an account ends.
public struct PullAllProgress: Sendable {
  /// How the account that just ended did.
  public var outcome: AccountPullOutcome
  /// Accounts ended so far, pulled or failed.
  public var done: Int
  /// Accounts in the run.
  public var total: Int
  /// Accounts failed so far.
  public var failed: Int
  /// Accounts pulled so far whose pull recorded a change.
  public var changed: Int
  /// Time since the run began.
  public var elapsed: Duration

  /// Accounts ended per second so far; 0 before the first one.
  public var rate: Double {
    let seconds = Self.seconds(elapsed)
    return seconds > 0 ? Double(done) / seconds : 0
  }

  /// The time the accounts not yet ended will take at the rate so far; `nil` before the rate is
  /// known.
  public var estimatedTimeLeft: Duration? {
    guard rate > 0 else { return nil }
    return .milliseconds(Int64((Double(total - done) / rate * 1000).rounded()))
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}

/// What a pull of many accounts came to: counts, and every failure with its reason.
public struct PullAllSummary: Sendable {
  /// Accounts in the run.
  public var total: Int
  /// Accounts pulled.
  public var pulled: Int
  /// Accounts pulled whose pull recorded a change (a document that differs from the account's
  /// previous one from the same read, or its first).
  public var changed: Int
  /// The accounts not pulled, in the order they ended.
  public var failures: [AccountPullFailure]
  /// How long the run took.
  public var elapsed: Duration

  /// Accounts not started because the run was cancelled: ended early, they are neither pulled
  /// nor failed.
  public var notStarted: Int { total - pulled - failures.count }

  /// Whether every account was pulled.
  public var isComplete: Bool { pulled == total }
}

extension Workflows {
  /// How many accounts a pull of many may take at once.
  public static let pullJobsRange = 1...256

  /// How many accounts a pull of many takes at once unless told otherwise.
  public static let defaultPullJobs = 16

  /// Pulls every account of `accounts`, `jobs` at a time: each account's calls in order (its
  /// token once, then its reads), the accounts side by side. One account's failure (no
  /// credentials, a platform error, an unreadable answer) never stops the others: it is
  /// reported and the run goes on.
  ///
  /// Each account gets its own client from `clients`, so its token is fetched once for the run
  /// and reused for every call, and replaced (with `force_refresh` only after 40001 or 42001)
  /// only when the platform refuses it.
  ///
  /// When the calling task is cancelled, no account is started after that; those under way
  /// finish (``PullAllSummary/notStarted`` counts the rest).
  ///
  /// - Parameters:
  ///   - accounts: the accounts, started in this order.
  ///   - jobs: how many accounts at once, clamped to ``pullJobsRange``.
  ///   - clients: the menu API of an account, e.g. `{ try $0.menuAPI(credentials: values) }`;
  ///     what it throws is that account's failure.
  ///   - progress: called after each account ends, one call at a time, in the order they end.
  /// - Returns: the counts and every failure; it never throws.
  public func pullAll(
    _ accounts: [Account], jobs: Int = Workflows.defaultPullJobs,
    clients: @escaping @Sendable (Account) throws -> any MenuAPI,
    progress: (PullAllProgress) -> Void = { _ in }
  ) async -> PullAllSummary {
    let width = min(max(jobs, Self.pullJobsRange.lowerBound), Self.pullJobsRange.upperBound)
    let clock = ContinuousClock()
    let start = clock.now
    var summary = PullAllSummary(
      total: accounts.count, pulled: 0, changed: 0, failures: [], elapsed: .zero)
    await withTaskGroup(of: AccountPullOutcome.self) { group in
      var waiting = accounts[...]
      func startNext() {
        guard !Task.isCancelled, let account = waiting.popFirst() else { return }
        group.addTask { await self.pullOutcome(account, clients: clients) }
      }
      for _ in 0..<width { startNext() }
      while let outcome = await group.next() {
        switch outcome {
        case .pulled(let result):
          summary.pulled += 1
          if result.documents.contains(where: \.snapshot.isChange) { summary.changed += 1 }
        case .failed(let failure):
          summary.failures.append(failure)
        }
        progress(
          PullAllProgress(
            outcome: outcome, done: summary.pulled + summary.failures.count,
            total: summary.total, failed: summary.failures.count, changed: summary.changed,
            elapsed: clock.now - start))
        startNext()
      }
    }
    summary.elapsed = clock.now - start
    return summary
  }

  /// One account's pull as an outcome: what it recorded, or why it failed.
  private func pullOutcome(
    _ account: Account, clients: @Sendable (Account) throws -> any MenuAPI
  ) async -> AccountPullOutcome {
    do {
      let api = try clients(account)
      return .pulled(try await pull(account: account, api: api))
    } catch {
      return .failed(AccountPullFailure(account: account.name, error: error))
    }
  }
}
