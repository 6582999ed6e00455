import Foundation
import MenuVaultPlatform
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
    let seconds = elapsed.timeInterval
    return seconds > 0 ? Double(done) / seconds : 0
  }

  /// The time the accounts not yet ended will take at the rate so far; `nil` before the rate is
  /// known.
  public var estimatedTimeLeft: Duration? {
    guard rate > 0 else { return nil }
    return .milliseconds(Int64((Double(total - done) / rate * 1000).rounded()))
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
  /// reported, noted in the account's state as ``pull(account:api:)`` notes a failed pull, and
  /// the run goes on.
  ///
  /// Each account gets its own client from `clients`, so its token is fetched once for the run
  /// and reused for every call, and replaced (with `force_refresh` only after 40001 or 42001)
  /// only when the platform refuses it.
  ///
  /// What the accounts fetched is recorded by one writer, a transaction at a time: the accounts
  /// that finish fetching while a transaction is under way go into the next one together (a
  /// group commit), so a thousand accounts cost a few dozen commits, not a thousand. Recording
  /// does not hold up fetching. An account whose snapshots cannot be recorded fails alone.
  ///
  /// When the calling task is cancelled, no account is started after that; those under way
  /// finish, and what they fetched is recorded (``PullAllSummary/notStarted`` counts the rest).
  ///
  /// - Parameters:
  ///   - accounts: the accounts, started in this order.
  ///   - jobs: how many accounts fetch at once, clamped to ``pullJobsRange``.
  ///   - clients: the menu API of an account, e.g. `{ try $0.menuAPI(credentials: values) }`;
  ///     what it throws is that account's failure.
  ///   - progress: called after each account ends (its snapshots recorded, or its failure),
  ///     one call at a time, in the order they end.
  /// - Returns: the counts and every failure; it never throws.
  public func pullAll(
    _ accounts: [Account], jobs: Int = Workflows.defaultPullJobs,
    clients: @escaping @Sendable (Account) throws -> any MenuAPI,
    progress: (PullAllProgress) -> Void = { _ in }
  ) async -> PullAllSummary {
    let width = min(max(jobs, Self.pullJobsRange.lowerBound), Self.pullJobsRange.upperBound)
    BlockingWork.allowThreads(forPulls: width)
    let clock = ContinuousClock()
    let start = clock.now
    var summary = PullAllSummary(
      total: accounts.count, pulled: 0, changed: 0, failures: [], elapsed: .zero)
    func report(_ outcome: AccountPullOutcome) {
      switch outcome {
      case .pulled(let result):
        summary.pulled += 1
        if result.documents.contains(where: \.snapshot.isChange) { summary.changed += 1 }
      case .failed(let failure):
        summary.failures.append(failure)
      }
      progress(
        PullAllProgress(
          outcome: outcome, done: summary.pulled + summary.failures.count, total: summary.total,
          failed: summary.failures.count, changed: summary.changed, elapsed: clock.now - start))
    }
    await withTaskGroup(of: PullAllStep.self) { group in
      var waiting = accounts[...]
      var fetching = 0
      var fetched: [(account: Account, pull: FetchedPull)] = []
      var writing = false
      func startFetching() {
        while fetching < width, !Task.isCancelled, let account = waiting.popFirst() {
          fetching += 1
          group.addTask { await self.fetchStep(account, clients: clients) }
        }
      }
      func startWriting() {
        guard !writing, !fetched.isEmpty else { return }
        writing = true
        let batch = fetched
        fetched = []
        group.addTask { .written(await self.record(batch)) }
      }
      startFetching()
      while let step = await group.next() {
        switch step {
        case .fetched(let account, let pull):
          fetching -= 1
          fetched.append((account, pull))
        case .failed(let failure):
          fetching -= 1
          report(.failed(failure))
        case .written(let outcomes):
          writing = false
          outcomes.forEach(report)
        }
        startWriting()
        startFetching()
      }
    }
    summary.elapsed = clock.now - start
    return summary
  }

  /// Pulls every active account of the vault, `jobs` at a time: ``pullAll(_:jobs:clients:progress:)``
  /// over ``accounts(includeRemoved:)``.
  ///
  /// - Throws: only when the vault's accounts cannot be read (a `VaultStoreError`); an
  ///   account's failure is in the summary.
  public func pullAll(
    jobs: Int = Workflows.defaultPullJobs,
    clients: @escaping @Sendable (Account) throws -> any MenuAPI,
    progress: (PullAllProgress) -> Void = { _ in }
  ) async throws -> PullAllSummary {
    await pullAll(try await accounts(), jobs: jobs, clients: clients, progress: progress)
  }

  /// What a task of a pull of many comes back with.
  private enum PullAllStep: Sendable {
    /// An account fetched and read its live menu.
    case fetched(Account, FetchedPull)
    /// An account could not be fetched.
    case failed(AccountPullFailure)
    /// A batch of fetched accounts was recorded (or failed to be).
    case written([AccountPullOutcome])
  }

  /// One account's fetch, or why it failed (noted in the account's state, as a failed pull is).
  private func fetchStep(_ account: Account, clients: @Sendable (Account) throws -> any MenuAPI)
    async -> PullAllStep
  {
    do {
      return .fetched(account, try await fetchLive(account: account, api: try clients(account)))
    } catch {
      // The account's state says it is failing, and why (the overview, the watcher read it).
      await notePullFailure(account: account, error: error)
      return .failed(AccountPullFailure(account: account.name, error: error))
    }
  }

  /// Records `batch` in one transaction (each account's state with it); when that fails, each
  /// pull on its own, so only the accounts whose snapshots cannot be recorded fail (noted in
  /// their state).
  private func record(_ batch: [(account: Account, pull: FetchedPull)]) async
    -> [AccountPullOutcome]
  {
    let pulls = batch.map(\.pull)
    if let results = try? await vault({ try FetchedPull.record(pulls, in: $0) }) {
      return results.map { .pulled($0) }
    }
    var outcomes: [AccountPullOutcome] = []
    for (account, pull) in batch {
      do {
        outcomes.append(.pulled(try await vault { try pull.record(in: $0) }))
      } catch {
        await notePullFailure(account: account, error: error)
        outcomes.append(.failed(AccountPullFailure(account: account.name, error: error)))
      }
    }
    return outcomes
  }
}
