import Foundation
import MenuVault
import Testing

/// A sandbox, a vault and a WeChat account `shop` with the good menu published.
final class FaultBench: Sendable {
  let directory: ScratchDirectory
  let sandbox: SandboxProcess
  let vault: String
  let goodFile: String
  let badFile: String
  let goodID: Int
  static let environment = ["MENUVAULT_APPSECRET": "sandbox-secret", "MENUVAULT_ACCESS_TOKEN": ""]

  init() async throws {
    directory = try ScratchDirectory("faults")
    sandbox = try SandboxProcess(in: directory)
    vault = directory.path("vault.sqlite")
    goodFile = try directory.write("good.json", ReliabilityMenus.good)
    badFile = try directory.write("bad.json", ReliabilityMenus.bad)
    let add = try await BackgroundCommand.run(
      [
        "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
        sandbox.baseURL, "--db", vault,
      ], environment: Self.environment, in: directory)
    try #require(add.status == 0, "\(add.stderr)")
    let good = try await BackgroundCommand.run(
      ["publish", goodFile, "--account", "shop", "--yes", "--db", vault],
      environment: Self.environment, in: directory)
    goodID = try #require(snapshotID(after: "sent snapshot", in: good.stdout))
  }

  /// Runs `menuvault ARGUMENTS --db VAULT` with the sandbox's credentials.
  func run(_ arguments: [String]) async throws -> CommandResult {
    try await BackgroundCommand.run(
      arguments + ["--db", vault], environment: Self.environment, in: directory)
  }

  /// How many calls `body` made to `path`.
  func calls(to path: String, during body: () async throws -> Void) async throws -> Int {
    let before = try await sandbox.callCount(path)
    try await body()
    return try await sandbox.callCount(path) - before
  }

  /// The snapshots recorded as sent (`create` or `rollback`), newest first.
  func sentSnapshots() throws -> [SnapshotInfo] {
    let store = try VaultStore.open(path: vault)
    defer { try? store.close() }
    return try store.history(account: "shop", changesOnly: false).filter {
      $0.source == .create || $0.source == .rollback
    }
  }

  /// The account's latest operation.
  func lastOperation() throws -> VaultOperation? {
    let store = try VaultStore.open(path: vault)
    defer { try? store.close() }
    return try store.operations(account: "shop", limit: 1).first
  }
}

/// The stderr of a failed command: exactly one line, `menuvault: ...`.
func expectOneLine(
  _ result: CommandResult, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let lines = result.stderr.split(separator: "\n").filter {
    !$0.hasPrefix("… ") && !$0.hasPrefix("note: ")
  }
  #expect(lines.count == 1, "one line: \(result.stderr)", sourceLocation: sourceLocation)
  #expect(
    lines.first?.hasPrefix("menuvault: ") == true, "\(result.stderr)",
    sourceLocation: sourceLocation)
  #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
}

extension ReliabilityTests {
  @Suite("Reliability: API faults through the sandbox")
  struct Faults {
    @Test("bursts of -1 and 45009 are retried and succeed; a longer burst fails after 4 attempts")
    func busyBursts() async throws {
      let bench = try await FaultBench()
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/get","errcode":-1,"count":3}"#)
      var pull: CommandResult?
      let gets = try await bench.calls(to: "/cgi-bin/menu/get") {
        pull = try await bench.run(["pull", "--account", "shop"])
      }
      #expect(pull?.status == 0, "\(pull?.stderr ?? "")")
      #expect(gets == 4)

      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/create","errcode":45009,"count":3}"#)
      var publish: CommandResult?
      let creates = try await bench.calls(to: "/cgi-bin/menu/create") {
        publish = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      }
      #expect(publish?.status == 0, "\(publish?.stderr ?? "")")
      #expect(creates == 4)

      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/get","errcode":-1,"count":4}"#)
      var failed: CommandResult?
      let tries = try await bench.calls(to: "/cgi-bin/menu/get") {
        failed = try await bench.run(["pull", "--account", "shop"])
      }
      #expect(tries == 4, "bounded: 4 attempts in all")
      let result = try #require(failed)
      #expect(result.status == 69)
      expectOneLine(result, "cgi-bin/menu/get failed with errcode -1")
    }

    @Test(
      "a create that keeps failing: one typed line, the operation failed, nothing recorded as sent; run again, it succeeds"
    )
    func failedCreate() async throws {
      let bench = try await FaultBench()
      // The bad menu has no conditional menus, so nothing is deleted before create.
      #expect(
        try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"]).status == 0)
      let sentBefore = try bench.sentSnapshots()
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/create","errcode":-1,"count":4}"#)
      let failed = try await bench.run(["publish", bench.goodFile, "--account", "shop", "--yes"])
      #expect(failed.status == 69)
      expectOneLine(failed, "failed at step create: cgi-bin/menu/create failed with errcode -1")
      #expect(failed.stderr.contains("(snapshot #"), "names the safety net")
      #expect(
        failed.stderr.contains(") was still live"), "create changed nothing: no restore calls")
      #expect(
        try bench.sentSnapshots().map(\.id) == sentBefore.map(\.id), "nothing recorded as sent")
      let operation = try #require(try bench.lastOperation())
      #expect(operation.status == .failed)
      #expect(operation.reason?.hasPrefix("create: ") == true)
      #expect(operation.reason?.hasSuffix("(it was still live)") == true)
      let status = try await bench.run(["status", "--account", "shop"])
      #expect(status.status == 0, "the create never happened: \(status.stdout)")

      let again = try await bench.run(["publish", bench.goodFile, "--account", "shop", "--yes"])
      #expect(again.status == 0, "\(again.stderr)")
      #expect(try bench.sentSnapshots().count == sentBefore.count + 1)
    }

    @Test("HTTP 5xx is retried; a 5xx that lasts fails in one typed line")
    func serverErrors() async throws {
      let bench = try await FaultBench()
      let path = "/cgi-bin/get_current_selfmenu_info"
      try await bench.sandbox.fault(#"{"path":"\#(path)","status":503,"count":2}"#)
      let pull = try await bench.run(["pull", "--account", "shop"])
      #expect(pull.status == 0, "\(pull.stderr)")
      try await bench.sandbox.fault(#"{"path":"\#(path)","status":502,"count":4}"#)
      var failed: CommandResult?
      let tries = try await bench.calls(to: path) {
        failed = try await bench.run(["pull", "--account", "shop"])
      }
      #expect(tries == 4)
      let result = try #require(failed)
      #expect(result.status == 69)
      expectOneLine(result, "answered HTTP 502 without an API error body")
    }

    @Test(
      "a truncated body: one typed line, no snapshot of it; a truncated create answer fails the publish, run again it recovers"
    )
    func truncatedBodies() async throws {
      let bench = try await FaultBench()
      let before = try await Reliability.verify(bench.vault, in: bench.directory)
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/get","truncate":true}"#)
      let pull = try await bench.run(["pull", "--account", "shop"])
      #expect(pull.status == 69)
      expectOneLine(pull, "response from cgi-bin/menu/get ended after")
      let after = try await Reliability.verify(bench.vault, in: bench.directory)
      #expect(after?.snapshots == before?.snapshots, "a pull that failed records nothing")

      // The create is carried out, but its answer is cut short.
      let sentBefore = try bench.sentSnapshots()
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/create","truncate":true}"#)
      let failed = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      #expect(failed.status == 69)
      expectOneLine(failed, "failed at step create: response from cgi-bin/menu/create ended after")
      #expect(try bench.sentSnapshots().count == sentBefore.count, "nothing recorded as sent")
      let again = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
      let status = try await bench.run(["status", "--account", "shop"])
      #expect(status.status == 0, "what was asked for is live: \(status.stdout)\(status.stderr)")
    }

    @Test(
      "a dropped connection: a read is retried; addconditional is not (it may have happened), run again it recovers"
    )
    func droppedConnections() async throws {
      let bench = try await FaultBench()
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/get","drop":true}"#)
      var pull: CommandResult?
      let gets = try await bench.calls(to: "/cgi-bin/menu/get") {
        pull = try await bench.run(["pull", "--account", "shop"])
      }
      #expect(pull?.status == 0, "\(pull?.stderr ?? "")")
      #expect(gets == 2)

      _ = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/addconditional","drop":true}"#)
      var rollback: CommandResult?
      let adds = try await bench.calls(to: "/cgi-bin/menu/addconditional") {
        rollback = try await bench.run(["rollback", "\(bench.goodID)", "--yes"])
      }
      #expect(adds == 1, "not retried")
      let failed = try #require(rollback)
      #expect(failed.status == 69)
      expectOneLine(
        failed,
        "failed at step addconditional 1/1: the connection to cgi-bin/menu/addconditional was lost")
      let again = try await bench.run(["rollback", "\(bench.goodID)", "--yes"])
      #expect(again.status == 0, "\(again.stderr)")
      let status = try await bench.run(["status", "--account", "shop"])
      #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    }

    @Test(
      "a token that expires mid-rollback is replaced once; refused twice, the rollback fails and succeeds when run again"
    )
    func tokenExpiresMidRollback() async throws {
      let bench = try await FaultBench()
      _ = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      // Expire every token while WeChat is busy with create: the next step gets 42001.
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/create","delay_ms":800}"#)
      let creates = try await bench.sandbox.callCount("/cgi-bin/menu/create")
      let tokens = try await bench.sandbox.callCount("/cgi-bin/stable_token")
      let rollback = try BackgroundCommand(
        ["rollback", "\(bench.goodID)", "--yes", "--db", bench.vault],
        environment: FaultBench.environment, in: bench.directory)
      while try await bench.sandbox.callCount("/cgi-bin/menu/create") == creates {
        try await Task.sleep(for: .milliseconds(20))
      }
      try await bench.sandbox.control("sandbox/expire-tokens")
      let result = await rollback.wait()
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        try await bench.sandbox.callCount("/cgi-bin/stable_token") == tokens + 2,
        "one fetch, one forced refresh")

      // Refused twice: the second refusal is final.
      _ = try await bench.run(["publish", bench.badFile, "--account", "shop", "--yes"])
      try await bench.sandbox.fault(
        #"{"path":"/cgi-bin/menu/addconditional","errcode":42001,"errmsg":"access_token expired","count":2}"#
      )
      let failed = try await bench.run(["rollback", "\(bench.goodID)", "--yes"])
      #expect(failed.status == 69)
      expectOneLine(
        failed,
        "failed at step addconditional 1/1: cgi-bin/menu/addconditional failed with errcode 42001")
      let again = try await bench.run(["rollback", "\(bench.goodID)", "--yes"])
      #expect(again.status == 0, "\(again.stderr)")
      let status = try await bench.run(["status", "--account", "shop"])
      #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
    }

    @Test("Weibo: a burst of 10001 is retried and succeeds; 21332 fails at once in one typed line")
    func weiboFaults() async throws {
      let directory = try ScratchDirectory("faults-weibo")
      let sandbox = try SandboxProcess(in: directory)
      let vault = directory.path("vault.sqlite")
      let env = ["MENUVAULT_ACCESS_TOKEN": "weibo-sandbox-token"]
      func run(_ arguments: [String]) async throws -> CommandResult {
        try await BackgroundCommand.run(
          arguments + ["--db", vault], environment: env, in: directory)
      }
      _ = try await run([
        "account", "add", "fans", "--platform", "weibo", "--appid", "1838358847", "--api-base",
        sandbox.baseURL,
      ])
      let show = "/2/messages/menu/show.json"
      try await sandbox.fault(#"{"path":"\#(show)","error_code":10001,"count":3}"#)
      let pull = try await run(["pull", "--account", "fans"])
      #expect(pull.status == 0, "\(pull.stderr)")
      #expect(try await sandbox.callCount(show) == 4)
      try await sandbox.fault(#"{"path":"\#(show)","error_code":21332,"count":1}"#)
      let refused = try await run(["pull", "--account", "fans"])
      #expect(refused.status == 69)
      #expect(try await sandbox.callCount(show) == 5, "a refused token is not retried")
      expectOneLine(refused, "failed with Weibo error_code 21332")
    }

    /// The command line's client waits 15 s per attempt (`ClientOptions.timeout`), four attempts:
    /// a minute, too slow for CI. The clients are run here with a short timeout against the same
    /// sandbox process; `scripts/stress` also runs one 16 s stall through the command line.
    @Test("timeouts: retried with a bound, typed, and a read that answers in time succeeds")
    func timeouts() async throws {
      let directory = try ScratchDirectory("faults-timeout")
      let sandbox = try SandboxProcess(in: directory)
      guard let base = URL(string: sandbox.baseURL) else { return }
      let options = ClientOptions(
        timeout: .milliseconds(700),
        retry: RetryPolicy(
          maximumAttempts: 4, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(400)))
      let client = WeChatClient(
        tokenSource: .appCredentials(appID: "wxsandbox", secret: "sandbox-secret"), baseURL: base,
        options: options)
      try await sandbox.fault(#"{"path":"/cgi-bin/menu/get","delay_ms":1500,"count":2}"#)
      let slow = try await client.getMenu()
      #expect(slow.attempts == 3)

      try await sandbox.fault(#"{"path":"/cgi-bin/menu/get","delay_ms":1500,"count":4}"#)
      let started = ContinuousClock.now
      await #expect(throws: PlatformError.timedOut(endpoint: "cgi-bin/menu/get", seconds: 0.7)) {
        _ = try await client.getMenu()
      }
      #expect((ContinuousClock.now - started).platformSeconds < 8, "bounded")

      // Through the workflow: a create that times out every time is recorded failed, not sent.
      let store = try VaultStore.open(path: directory.path("vault.sqlite"))
      let account = try store.addAccount(
        name: "shop", settings: AccountSettings(platform: .wechat, appID: "wxsandbox"))
      let workflows = Workflows(store: store)
      let api = WeChatMenuAPI(client: client)
      let desired = try Normalizer.normalize(Array(ReliabilityMenus.bad.utf8))
      let request = PublishRequest(desired: desired)
      let plan = try await workflows.plan(request, account: account, api: api)
      try await sandbox.fault(#"{"path":"/cgi-bin/menu/create","delay_ms":1500,"count":4}"#)
      await #expect(throws: WorkflowError.self) {
        _ = try await workflows.execute(plan, request: request, account: account, api: api)
      }
      #expect(
        try store.history(account: "shop", changesOnly: false).allSatisfy { $0.source != .create })
      #expect(try store.operations(account: "shop").first?.status == .failed)
      try store.close()
    }

    @Test(
      "the command line's own 15 s timeout: one stalled read is retried and the pull succeeds",
      .enabled(if: ReliabilityScale.isStress))
    func commandLineTimeout() async throws {
      let bench = try await FaultBench()
      try await bench.sandbox.fault(#"{"path":"/cgi-bin/menu/get","delay_ms":16000}"#)
      let pull = try await bench.run(["pull", "--account", "shop"])
      #expect(pull.status == 0, "\(pull.stderr)")
    }
  }
}
