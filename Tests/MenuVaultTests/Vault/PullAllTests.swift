import Foundation
import MenuSandbox
import MenuVault
import Synchronization
import Testing

@Suite("pulling many accounts: N at a time, each account's calls in order, failures reported")
struct PullAllTests {
  /// `count` sandbox apps, each with a secret of its own.
  static func apps(_ count: Int) -> [SandboxConfiguration.App] {
    (1...count).map {
      SandboxConfiguration.App(
        appID: String(format: "wxbulk%03d", $0), secret: String(format: "bulk-secret-%03d", $0))
    }
  }

  /// A vault file with one account per app (`bulk001`, ...), each reading its secret from a
  /// variable of its own, and the credential values those variables hold.
  static func vault(
    for apps: [SandboxConfiguration.App], server: SandboxServer, directory: TemporaryDirectory
  ) async throws -> (Workflows, CredentialVariables) {
    let workflows = Workflows(store: try VaultStore.open(path: directory.path("vault.sqlite")))
    var values: [String: String] = [:]
    for app in apps {
      let suffix = app.appID.dropFirst("wxbulk".count)
      let variable = "BULK_SECRET_\(suffix)"
      values[variable] = app.secret
      _ = try await workflows.addAccount(
        name: "bulk\(suffix)",
        settings: AccountSettings(
          platform: .wechat, appID: app.appID, apiBaseURL: server.baseURL.absoluteString,
          secretEnvironmentVariable: variable))
    }
    return (workflows, CredentialVariables(values))
  }

  @Test(
    "every account is pulled once, at most `jobs` at a time, each with one token and its calls in order"
  )
  func manyAccounts() async throws {
    let apps = Self.apps(24)
    try await SandboxHarness.run(SandboxConfiguration(apps: apps)) { harness in
      let directory = try TemporaryDirectory()
      let (workflows, credentials) = try await Self.vault(
        for: apps, server: harness.server, directory: directory)
      // A pause on every read, so the accounts overlap.
      await harness.server.inject(
        SandboxFault(.delayOnly, delay: .milliseconds(20), count: 1000), on: "/cgi-bin/menu/get")
      let gauge = ConcurrencyGauge()
      var steps: [PullAllProgress] = []
      let accounts = try await workflows.accounts()
      let summary = await workflows.pullAll(
        accounts, jobs: 5,
        clients: { GaugedMenuAPI(inner: try $0.menuAPI(credentials: credentials), gauge: gauge) },
        progress: { steps.append($0) })

      #expect(summary.total == 24)
      #expect(summary.pulled == 24)
      #expect(summary.changed == 24, "a first pull records a change")
      #expect(summary.failures.isEmpty)
      #expect(summary.isComplete)
      #expect(gauge.maximum == 5)
      #expect(steps.map(\.done) == Array(1...24))
      #expect(Set(steps.map(\.outcome.account)) == Set(accounts.map(\.name)))
      #expect(steps.last?.failed == 0)
      #expect(steps.last?.estimatedTimeLeft == .zero)

      let calls = await harness.server.calls()
      for app in apps {
        #expect(
          calls.filter { $0.appID == app.appID }.map(\.path) == [
            "/cgi-bin/stable_token", "/cgi-bin/menu/get", "/cgi-bin/get_current_selfmenu_info",
          ], "\(app.appID): one token, then its two reads in order")
      }
      let tokenCalls = calls.filter { $0.path == "/cgi-bin/stable_token" }
      #expect(tokenCalls.count == 24)
      #expect(tokenCalls.allSatisfy { $0.body.contains(#""force_refresh":false"#) })
      for account in accounts {
        #expect(try await workflows.history(account: account.name, changesOnly: false).count == 2)
      }
    }
  }

  @Test("one account's failure does not stop the others; each failure keeps its reason")
  func failuresDoNotStopTheOthers() async throws {
    let apps = Self.apps(6)
    try await SandboxHarness.run(SandboxConfiguration(apps: apps)) { harness in
      let directory = try TemporaryDirectory()
      let (workflows, credentials) = try await Self.vault(
        for: apps, server: harness.server, directory: directory)
      let base = harness.server.baseURL.absoluteString
      // Started first: an app the platform does not know, and an account with no credentials.
      _ = try await workflows.addAccount(
        name: "a-ghost",
        settings: AccountSettings(
          platform: .wechat, appID: "wxghost", apiBaseURL: base,
          secretEnvironmentVariable: "BULK_SECRET_001"))
      _ = try await workflows.addAccount(
        name: "a-nocredentials",
        settings: AccountSettings(
          platform: .wechat, appID: "wxbulk002", apiBaseURL: base,
          secretEnvironmentVariable: "UNSET_SECRET"))
      let summary = await workflows.pullAll(
        try await workflows.accounts(), jobs: 2,
        clients: { try $0.menuAPI(credentials: credentials) })

      #expect(summary.total == 8)
      #expect(summary.pulled == 6)
      #expect(!summary.isComplete)
      let failures = Dictionary(uniqueKeysWithValues: summary.failures.map { ($0.account, $0) })
      #expect(Set(failures.keys) == ["a-ghost", "a-nocredentials"])
      #expect(
        failures["a-ghost"]?.error as? PlatformError
          == .credentialRefused(
            platform: .wechat, endpoint: "cgi-bin/stable_token", code: 40013,
            message: "invalid appid",
            credential: "app id wxghost with the secret from environment variable BULK_SECRET_001"))
      #expect(
        failures["a-nocredentials"]?.error as? AccountClientError
          == .noCredentials(
            account: "a-nocredentials", platform: .wechat,
            tokenVariable: "MENUVAULT_ACCESS_TOKEN", secretVariable: "UNSET_SECRET"))
      #expect(
        failures["a-nocredentials"]?.reason
          == "account a-nocredentials has no credentials: UNSET_SECRET (the app secret) or "
          + "MENUVAULT_ACCESS_TOKEN (an access token) holds nothing, and it has no token command")
      for failure in summary.failures {
        #expect(!failure.reason.contains("bulk-secret-"), "\(failure.reason)")
      }
      #expect(try await workflows.history(account: "a-ghost", changesOnly: false).isEmpty)
      // Each failure is in its account's state, as a failed pull of one account is.
      let states = Dictionary(
        uniqueKeysWithValues: try await workflows.accountStatuses().map { ($0.account.name, $0) })
      #expect(states["a-ghost"]?.state == .failing)
      #expect(states["a-ghost"]?.consecutiveFailures == 1)
      #expect(states["a-ghost"]?.lastError?.contains("errcode 40013") == true)
      #expect(states["a-nocredentials"]?.state == .failing)
      #expect(states["bulk001"]?.state == .inSync)
      #expect(states["bulk001"]?.lastError == nil)
    }
  }

  @Test("an account whose snapshots cannot be recorded fails alone; the rest of its batch is kept")
  func recordingFailureIsolated() async throws {
    let apps = Self.apps(6)
    try await SandboxHarness.run(SandboxConfiguration(apps: apps)) { harness in
      let directory = try TemporaryDirectory()
      let (workflows, credentials) = try await Self.vault(
        for: apps, server: harness.server, directory: directory)
      var accounts = try await workflows.accounts()
      // Told it is a Weibo account: the vault refuses its snapshots (the platform never changes).
      let real = accounts[2]
      accounts[2].settings.platform = .weibo
      let summary = await workflows.pullAll(
        accounts, jobs: 6,
        clients: { account in
          try (account.name == real.name ? real : account).menuAPI(credentials: credentials)
        })
      #expect(summary.pulled == 5)
      #expect(summary.failures.map(\.account) == [real.name])
      #expect(
        summary.failures.first?.error as? VaultStoreError
          == .platformMismatch(account: real.name, recorded: .wechat, given: .weibo))
      for account in accounts where account.name != real.name {
        #expect(try await workflows.history(account: account.name, changesOnly: false).count == 2)
      }
    }
  }

  @Test("a cancelled run starts no account after the cancellation; those under way end")
  func cancellation() async throws {
    let apps = Self.apps(10)
    try await SandboxHarness.run(SandboxConfiguration(apps: apps)) { harness in
      let directory = try TemporaryDirectory()
      let (workflows, credentials) = try await Self.vault(
        for: apps, server: harness.server, directory: directory)
      await harness.server.inject(
        SandboxFault(.delayOnly, delay: .milliseconds(50), count: 100), on: "/cgi-bin/menu/get")
      let accounts = try await workflows.accounts()
      // How many accounts had started when the run was cancelled, and in all.
      let started = Mutex((atCancel: -1, total: 0))
      // The run's own task, cancelled when its first account ends.
      let run = Task {
        await workflows.pullAll(
          accounts, jobs: 2,
          clients: { account in
            started.withLock { $0.total += 1 }
            return try account.menuAPI(credentials: credentials)
          },
          progress: { _ in
            started.withLock { if $0.atCancel < 0 { $0.atCancel = $0.total } }
            withUnsafeCurrentTask { $0?.cancel() }
          })
      }
      let summary = await run.value
      let (atCancel, total) = started.withLock { ($0.atCancel, $0.total) }
      // An account is counted when its task builds its client, which may come just after the
      // cancellation for the (at most `jobs`) accounts already handed a task before it.
      #expect(total <= atCancel + 2, "none started after the cancellation")
      #expect(total < 10)
      #expect(summary.pulled == total, "those under way ended, and were recorded")
      #expect(summary.failures.isEmpty)
      #expect(summary.notStarted == 10 - total)
      #expect(await harness.server.calls(path: "/cgi-bin/stable_token").count == total)
    }
  }
}

/// Counts the reads under way at once, and the most there were.
final class ConcurrencyGauge: Sendable {
  private let state = Mutex((current: 0, maximum: 0))

  func enter() {
    state.withLock {
      $0.current += 1
      $0.maximum = max($0.maximum, $0.current)
    }
  }

  func leave() { state.withLock { $0.current -= 1 } }

  var maximum: Int { state.withLock { $0.maximum } }
}

/// A menu API that reports each live read to a gauge.
struct GaugedMenuAPI: MenuAPI {
  var inner: any MenuAPI
  var gauge: ConcurrencyGauge

  var platform: Platform { inner.platform }

  func fetchLive() async throws -> [LiveDocument] {
    gauge.enter()
    defer { gauge.leave() }
    return try await inner.fetchLive()
  }

  func createMenu(_ menu: Menu) async throws { try await inner.createMenu(menu) }

  func addConditionalMenu(_ menu: Menu) async throws -> String {
    try await inner.addConditionalMenu(menu)
  }

  func deleteConditionalMenu(menuID: String) async throws {
    try await inner.deleteConditionalMenu(menuID: menuID)
  }

  func deleteMenu() async throws { try await inner.deleteMenu() }
}
