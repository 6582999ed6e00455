import Foundation
import Logging
import MenuVault
import ServiceLifecycle
import Synchronization

/// Pulls every account of a vault by itself, once per interval, as a lifecycle service (run it
/// in a `ServiceGroup`, beside the web server or on its own).
///
/// Each round lists the accounts afresh (an account added or removed while it runs is picked
/// up at the next round), then pulls those the ``PullSchedule`` says are due, each at its place
/// in the interval, at most ``WatchOptions/jobs`` at a time. A pull is one write transaction of
/// the vault (its snapshots and the account's state), so the process may be killed at any
/// moment: the next start carries on from what the vault holds. It only reads from the
/// platforms, so nothing is ever sent twice.
///
/// On a graceful shutdown (SIGTERM, SIGINT through the group) it starts no new pull, lets those
/// under way finish for at most ``WatchOptions/shutdownGrace``, and returns.
public struct Watcher: Service {
  /// Builds an account's menu API with the options the watcher gives it (which count calls).
  public typealias MakeAPI = @Sendable (Account, ClientOptions) throws -> any MenuAPI

  private let workflows: Workflows
  private let options: WatchOptions
  private let clock: any WatchClock
  private let health: WatchHealth
  private let metrics: WatchMetrics
  private let clientOptions: ClientOptions
  private let makeAPI: MakeAPI
  private let logger: Logger
  private let schedule: SharedSchedule
  private let clients: ClientCache

  /// A watcher over `workflows`' vault.
  ///
  /// - Parameters:
  ///   - workflows: The vault written to (a pull writes its snapshots and the account's state).
  ///   - options: The interval, jobs, backoff and quota share.
  ///   - clock: The clock it schedules by; tests pass one they move by hand.
  ///   - health: Told of every finished round (`/healthz` reads it).
  ///   - metrics: Told of every pull and platform call.
  ///   - clientOptions: The options every account's client starts from (timeouts, transport,
  ///     redactor); the watcher adds its call counting.
  ///   - makeAPI: Builds an account's client from its settings (where the frontend finds its
  ///     credentials). Each account's client is kept while its settings stay the same, so its
  ///     token is reused until shortly before it expires.
  ///   - logger: One line per failed pull, and one per round at `debug`.
  public init(
    workflows: Workflows, options: WatchOptions, clock: any WatchClock = SystemWatchClock(),
    health: WatchHealth, metrics: WatchMetrics, clientOptions: ClientOptions = ClientOptions(),
    makeAPI: @escaping MakeAPI,
    logger: Logger = Logger(label: "menuvault.watch", factory: { _ in SwiftLogNoOpLogHandler() })
  ) {
    self.workflows = workflows
    self.options = options
    self.clock = clock
    self.health = health
    self.metrics = metrics
    self.clientOptions = clientOptions
    self.makeAPI = makeAPI
    self.logger = logger
    self.schedule = SharedSchedule(PullSchedule(options: options))
    self.clients = ClientCache()
  }

  /// The schedule as it stands (for tests and status pages).
  public var currentSchedule: PullSchedule { schedule.value }

  /// Runs rounds until a graceful shutdown or cancellation.
  public func run() async throws {
    health.started(at: clock.now)
    BlockingWork.allowThreads(forPulls: max(1, min(options.jobs, 256)))
    while true {
      let roundStart = clock.now
      let roundEnd = roundStart.addingTimeInterval(options.intervalSeconds)
      let stopped = await round(until: roundEnd)
      if stopped { return }
      let finished = clock.now
      health.roundFinished(at: finished)
      metrics.roundFinished(at: finished)
      logger.debug("round finished", metadata: ["rounds": "\(health.rounds)"])
      await planNextPulls()
      guard await sleep(until: roundEnd) else { return }
    }
  }

  // MARK: - A round

  /// Pulls the accounts due before `end`; `true` when a stop was asked for meanwhile.
  private func round(until end: Date) async -> Bool {
    let statuses: [AccountStatus]
    do {
      statuses = try await workflows.accountStatuses()
    } catch {
      logger.error("cannot read the accounts: \(Workflows.oneLine(error))")
      return !(await sleep(until: end))
    }
    metrics.update(statuses)
    let accounts = Dictionary(uniqueKeysWithValues: statuses.map { ($0.account.name, $0.account) })
    let now = clock.now
    schedule.update {
      $0.sync(statuses.map { ($0.account.name, $0.consecutiveFailures) }, now: now)
    }
    clients.keep(Set(accounts.keys))
    let due = schedule.value.due(before: end)
    let jobs = max(1, min(options.jobs, 256))
    return await withTaskGroup(of: Bool.self) { group in
      var running = 0
      var stopped = false
      for (name, at) in due {
        guard await sleep(until: at) else {
          stopped = true
          break
        }
        while running >= jobs, let _ = await group.next() { running -= 1 }
        guard let account = accounts[name] else { continue }
        let allowed = schedule.update { $0.mayPull(name, now: clock.now) }
        guard allowed else { continue }
        running += 1
        group.addTask {
          await pull(account)
          return true
        }
      }
      guard stopped, running > 0 else { return stopped }
      // Stopping: the pulls under way may finish, for at most the grace period.
      let grace = options.shutdownGrace
      group.addTask {
        try? await Task.sleep(for: grace)
        return false
      }
      while let finishedPull = await group.next() {
        guard finishedPull else { break }
        running -= 1
        if running == 0 { break }
      }
      group.cancelAll()
      return true
    }
  }

  /// Pulls one account and notes how it went in the schedule, the metrics and the log.
  private func pull(_ account: Account) async {
    let name = account.name
    let started = ContinuousClock.now
    var succeeded = false
    var quotaExceeded = false
    do {
      let api = try clients.api(for: account) {
        var options = clientOptions
        let schedule = self.schedule
        let metrics = self.metrics
        let clock = self.clock
        let outer = clientOptions.onCall
        options.onCall = { call in
          schedule.update { $0.countCall(name, endpoint: call.endpoint, now: clock.now) }
          metrics.called(call)
          outer?(call)
        }
        return try makeAPI(account, options)
      }
      do {
        _ = try await workflows.pull(account: account, api: api)
        succeeded = true
      } catch {
        quotaExceeded = (error as? PlatformError)?.wechatErrorCode == 45009
        logger.warning("\(name): \(Workflows.oneLine(error))")
      }
    } catch {
      // No client: the pull never ran, so note its failure here.
      await workflows.notePullFailure(account: account, error: error)
      logger.warning("\(name): \(Workflows.oneLine(error))")
    }
    metrics.pulled(
      platform: account.platform, succeeded: succeeded, duration: ContinuousClock.now - started)
    let now = clock.now
    schedule.update {
      if succeeded {
        $0.succeeded(name, now: now)
      } else {
        $0.failed(name, quotaExceeded: quotaExceeded, now: now)
      }
    }
  }

  /// Writes when each account is due next into the vault (the overview shows it), in one go.
  private func planNextPulls() async {
    let plan = schedule.value.entries.mapValues { Timestamp($0.due) }
    do {
      try await workflows.planNextPulls(plan)
    } catch {
      logger.error("cannot note the next pulls: \(Workflows.oneLine(error))")
    }
  }

  /// Sleeps until `deadline`; `false` when a graceful shutdown or a cancellation came first.
  private func sleep(until deadline: Date) async -> Bool {
    let clock = self.clock
    do {
      try await cancelWhenGracefulShutdown { try await clock.sleep(until: deadline) }
      return !Task.isCancelled
    } catch {
      return false
    }
  }
}

/// The schedule, shared by the round and its pulls (which count their calls as they go).
final class SharedSchedule: Sendable {
  private let schedule: Mutex<PullSchedule>

  init(_ schedule: PullSchedule) {
    self.schedule = Mutex(schedule)
  }

  var value: PullSchedule { schedule.withLock { $0 } }

  @discardableResult
  func update<T>(_ body: (inout PullSchedule) -> T) -> T {
    schedule.withLock { body(&$0) }
  }
}

/// Each account's client, kept while the account's settings stay the same (so is its token).
final class ClientCache: Sendable {
  private let clients = Mutex<[String: (settings: AccountSettings, api: any MenuAPI)]>([:])

  /// The account's client, built with `make` when there is none for its current settings.
  func api(for account: Account, make: () throws -> any MenuAPI) throws -> any MenuAPI {
    if let kept = clients.withLock({ $0[account.name] }), kept.settings == account.settings {
      return kept.api
    }
    let api = try make()
    clients.withLock { $0[account.name] = (account.settings, api) }
    return api
  }

  /// Forgets the clients of accounts not in `names`.
  func keep(_ names: Set<String>) {
    clients.withLock { $0 = $0.filter { names.contains($0.key) } }
  }
}
