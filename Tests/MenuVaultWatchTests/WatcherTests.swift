import Foundation
import MenuSandbox
import MenuVault
import MenuVaultWatch
import ServiceLifecycle
import Testing

/// The watcher against a real sandbox and a real vault file, its clock moved by hand.
@Suite("the watcher")
struct WatcherTests {
  /// 2026-12-03T10:00:00Z.
  static let start = Date(timeIntervalSince1970: 1_796_292_000)

  /// A sandbox, a vault in a temporary directory, and a watcher over them on a manual clock.
  struct Bench {
    let server: SandboxServer
    let directory: URL
    let workflows: Workflows
    let clock = ManualClock(WatcherTests.start)
    let health = WatchHealth(interval: .seconds(900))
    let metrics = WatchMetrics()
    let watcher: Watcher

    init() async throws {
      server = try await SandboxServer.start()
      directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("menuvault-watch-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let clock = self.clock
      workflows = Workflows(
        store: try VaultStore.open(path: directory.appendingPathComponent("vault.sqlite").path),
        clock: { Timestamp(clock.now) })
      let credentials = CredentialVariables(["MENUVAULT_APPSECRET": "sandbox-secret"])
      watcher = Watcher(
        workflows: workflows, options: WatchOptions(interval: .seconds(900), jobs: 4),
        clock: clock, health: health, metrics: metrics,
        clientOptions: ClientOptions(
          retry: RetryPolicy(
            maximumAttempts: 2, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(2))),
        makeAPI: { account, options in
          try account.menuAPI(credentials: credentials, options: options)
        })
    }

    /// Adds a WeChat account of the sandbox (`appID` wxsandbox unless told otherwise).
    @discardableResult
    func add(_ name: String, appID: String = "wxsandbox") async throws -> Account {
      try await workflows.addAccount(
        name: name,
        settings: AccountSettings(
          platform: .wechat, appID: appID, apiBaseURL: server.baseURL.absoluteString))
    }

    /// Moves the clock from sleeper to sleeper until `rounds` rounds have finished and the
    /// watcher sleeps again (its plan written).
    func run(toRound rounds: Int) async throws {
      while true {
        let deadline = try await clock.waitForSleeper()
        // A round is counted before its last sleep: seen asleep after it, the watcher is idle.
        if health.rounds >= rounds { return }
        clock.advance(to: deadline)
      }
    }

    /// The snapshots recorded for `account`.
    func snapshots(_ account: String) async throws -> Int {
      try await workflows.history(account: account, changesOnly: false).count
    }

    func status(_ account: String) async throws -> AccountStatus {
      try #require(try await workflows.accountStatuses().first { $0.account.name == account })
    }

    func stop() async {
      await server.stop()
      try? FileManager.default.removeItem(at: directory)
    }
  }

  @Test("each round pulls every account once; accounts added or removed are seen next round")
  func rounds() async throws {
    let bench = try await Bench()
    for name in ["a", "b", "c"] { try await bench.add(name) }
    let running = Task { try await bench.watcher.run() }
    try await bench.run(toRound: 1)
    for name in ["a", "b", "c"] { #expect(try await bench.snapshots(name) == 2, "\(name)") }
    try await bench.add("late")
    try await bench.run(toRound: 2)
    for name in ["a", "b", "c", "late"] {
      let expected = name == "late" ? 2 : 4
      let found = try await bench.snapshots(name)
      #expect(found == expected, "\(name)")
    }
    try await bench.workflows.removeAccount(named: "b")
    try await bench.run(toRound: 3)
    #expect(try await bench.snapshots("a") == 6)
    let removed = try bench.workflows.store.snapshotCount(account: "b")
    #expect(removed == 4)
    // One token per account for the whole run: reused, never forced.
    let tokens = await bench.server.calls(path: "/cgi-bin/stable_token")
    #expect(tokens.count == 4)
    #expect(!tokens.contains { $0.body.contains("force_refresh\":true") })
    // The next pull is written for the overview, within the next interval.
    let next = try #require(try await bench.status("a").nextPullAt)
    #expect(next.date > bench.clock.now)
    #expect(next.date <= bench.clock.now.addingTimeInterval(900))
    running.cancel()
    _ = await running.result
    await bench.stop()
  }

  @Test("a failing account backs off two intervals, then four; the others go on")
  func backoff() async throws {
    let bench = try await Bench()
    try await bench.add("good")
    try await bench.add("broken", appID: "wxnope")
    let running = Task { try await bench.watcher.run() }
    try await bench.run(toRound: 1)
    var broken = try await bench.status("broken")
    #expect(broken.state == .failing)
    #expect(broken.consecutiveFailures == 1)
    #expect(broken.lastError?.contains("40013") == true, "\(broken.lastError ?? "")")
    #expect(bench.watcher.currentSchedule.entries["broken"]?.hold == .backoff(failures: 1))
    try await bench.run(toRound: 2)
    #expect(try await bench.status("broken").consecutiveFailures == 1)
    try await bench.run(toRound: 3)
    broken = try await bench.status("broken")
    #expect(broken.consecutiveFailures == 2)
    #expect(try await bench.snapshots("good") == 6)
    #expect(try await bench.status("good").state == .inSync)
    let metrics = bench.metrics.text()
    #expect(metrics.contains(#"menuvault_pulls_total{platform="wechat",outcome="failed"} 2"#))
    #expect(metrics.contains(#"menuvault_pulls_total{platform="wechat",outcome="ok"} 3"#))
    running.cancel()
    _ = await running.result
    await bench.stop()
  }

  @Test("45009 pauses the account until the quota resets at 00:00 Beijing time")
  func quotaPause() async throws {
    let bench = try await Bench()
    try await bench.add("shop")
    await bench.server.inject(
      SandboxFault(.errorCode(45009, message: nil), count: 2), on: "/cgi-bin/menu/get")
    let running = Task { try await bench.watcher.run() }
    try await bench.run(toRound: 1)
    let entry = try #require(bench.watcher.currentSchedule.entries["shop"])
    #expect(entry.hold == .quotaExceeded)
    // 10:00Z is 18:00 in Beijing: the quota resets at 16:00Z.
    #expect(entry.due == Date(timeIntervalSince1970: 1_796_313_600))
    running.cancel()
    _ = await running.result
    await bench.stop()
  }

  @Test("a graceful shutdown stops the watcher between pulls and run returns")
  func gracefulShutdown() async throws {
    let bench = try await Bench()
    try await bench.add("shop")
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [.init(service: bench.watcher)], logger: .init(label: "test")))
    let running = Task { try await group.run() }
    try await bench.run(toRound: 1)
    await group.triggerGracefulShutdown()
    let started = ContinuousClock.now
    try await running.value
    #expect(ContinuousClock.now - started < .seconds(5))
    #expect(bench.health.rounds == 1)
    await bench.stop()
  }
}
