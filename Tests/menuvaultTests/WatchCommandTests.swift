import Foundation
import MenuVault
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `menuvault serve --watch` as a process: it pulls every account by itself, survives `kill -9`
/// at any moment, and stops cleanly on SIGTERM.
@Suite("serve --watch, the process")
struct WatchCommandTests {
  static let accounts = (0..<12).map { "shop-\($0)" }

  /// Waits (up to 60 s, polling) until `done` holds for the vault's account statuses.
  static func waitFor(
    _ vault: String, _ what: String, _ done: ([AccountStatus]) -> Bool
  ) async throws {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(60) {
      if let store = try? VaultStore.openForReading(path: vault),
        let statuses = try? await Workflows(store: store).accountStatuses(), done(statuses)
      {
        try? store.close()
        return
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out waiting for \(what)")
  }

  /// The address `serve` printed on its first line.
  static func address(of serve: BackgroundCommand) async throws -> String {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(30) {
      if let line = serve.stdout.split(separator: "\n").first, line.hasPrefix("listening on ") {
        return String(line.dropFirst("listening on ".count))
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw CancellationError()
  }

  static func get(_ url: String) async throws -> (Int, String) {
    let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  @Test("pulls every account, survives kill -9 mid-round, carries on, and exits 0 on SIGTERM")
  func watchKillRestartStop() async throws {
    let sandbox = try RunningSandbox()
    let scratch = try ScratchDirectory("watch")
    for name in Self.accounts {
      let added = try await sandbox.run([
        "account", "add", name, "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
        sandbox.baseURL,
      ])
      #expect(added.status == 0, "\(added.stderr)")
    }
    let arguments = ["serve", "--watch", "1s", "--jobs", "4", "--port", "0", "--db", sandbox.vault]
    var serve = try BackgroundCommand(
      arguments, environment: RunningSandbox.environment, in: scratch)
    let base = try await Self.address(of: serve)
    try await Self.waitFor(sandbox.vault, "every account pulled") { statuses in
      statuses.count == Self.accounts.count && statuses.allSatisfy { $0.live != nil }
    }
    let (health, healthBody) = try await Self.get(base + "healthz")
    #expect(health == 200)
    #expect(healthBody == "ok\n")
    let (metricsStatus, metrics) = try await Self.get(base + "metrics")
    #expect(metricsStatus == 200)
    // Every sample line is `name{labels} value` in Prometheus's text format.
    let sample = try Regex(
      #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? [-+0-9.eEInfa]+$"#)
    for line in metrics.split(separator: "\n") where !line.hasPrefix("#") {
      #expect(line.wholeMatch(of: sample) != nil, "\(line)")
    }
    #expect(metrics.contains(#"menuvault_accounts{state="in-sync"} 12"#))
    #expect(metrics.contains(#"menuvault_pulls_total{platform="wechat",outcome="ok"}"#))

    // kill -9 at some moment of a later round, then the vault verifies clean.
    try await Task.sleep(for: .milliseconds(Int64.random(in: 200...900)))
    serve.kill()
    _ = await serve.wait()
    #expect(serve.wasKilled)
    let verify = try await sandbox.run(["verify"])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

    // Started again, it carries on: every account is pulled after the restart.
    let restart = Timestamp.now()
    serve = try BackgroundCommand(arguments, environment: RunningSandbox.environment, in: scratch)
    _ = try await Self.address(of: serve)
    try await Self.waitFor(sandbox.vault, "a round after the restart") { statuses in
      statuses.allSatisfy { ($0.lastPullAt ?? restart) > restart }
    }
    serve.process.terminate()
    let ended = await serve.wait()
    #expect(!serve.wasKilled)
    #expect(ended.status == 0, "\(ended.stderr)")
    #expect(try await sandbox.run(["verify"]).status == 0)
  }
}
