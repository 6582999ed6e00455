import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The reliability suite: crash safety, concurrency, API faults, hostile input through publish,
/// secrets. Its suites run one at a time (they start many processes on a shared machine); CI runs
/// the short version, `scripts/stress` the long one (`MENUVAULT_STRESS=1`).
@Suite("Reliability", .serialized)
struct ReliabilityTests {}

/// How much each reliability test does: a few kills and a few dozen operations in CI, hundreds
/// under `scripts/stress`.
enum ReliabilityScale {
  /// Whether `scripts/stress` asked for the long run.
  static let isStress = ProcessInfo.processInfo.environment["MENUVAULT_STRESS"] == "1"

  /// A count from `MENUVAULT_STRESS_<NAME>`, else the long or the short default.
  static func count(_ name: String, ci: Int, stress: Int) -> Int {
    if let text = ProcessInfo.processInfo.environment["MENUVAULT_STRESS_\(name)"],
      let value = Int(text), value > 0
    {
      return value
    }
    return isStress ? stress : ci
  }
}

/// Figures `scripts/stress` prints: each test appends `name<TAB>count` lines to the file named by
/// `MENUVAULT_FIGURES`, when set.
enum ReliabilityFigures {
  private static let lock = Mutex(())

  static func add(_ name: String, _ count: Int) {
    guard let path = ProcessInfo.processInfo.environment["MENUVAULT_FIGURES"], !path.isEmpty
    else { return }
    lock.withLock { _ in
      let line = Data("\(name)\t\(count)\n".utf8)
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(line)
        try? handle.close()
      } else {
        _ = FileManager.default.createFile(atPath: path, contents: line)
      }
    }
  }
}

/// A scratch directory removed when the value goes away.
final class ScratchDirectory: Sendable {
  let url: URL

  init(_ label: String) throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
    return path(name)
  }
}

/// A `menuvault` process started in the background with stdout and stderr going to files, so it
/// can be killed at any moment and what it printed before dying read afterwards.
final class BackgroundCommand: Sendable {
  /// The binary under test: `MENUVAULT_BINARY` (scripts/stress points it at a release build),
  /// else the one built beside the tests.
  static let binary: URL = {
    if let path = ProcessInfo.processInfo.environment["MENUVAULT_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return CommandRunner.binary
  }()

  let process = Process()
  let stdoutPath: String
  let stderrPath: String
  /// Whether the process ended, and the tasks waiting for it to.
  private let ending = Mutex<(finished: Bool, waiters: [CheckedContinuation<Void, Never>])>(
    (false, []))

  /// Starts `menuvault ARGUMENTS` with `environment` added to this process's, writing its output
  /// into `directory` under a fresh name, with `stdin` (a file) or no input.
  init(
    _ arguments: [String], environment: [String: String] = [:], in directory: ScratchDirectory,
    stdin: String? = nil
  ) throws {
    let name = UUID().uuidString
    stdoutPath = directory.path("\(name).out")
    stderrPath = directory.path("\(name).err")
    _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
    process.executableURL = Self.binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
    process.standardInput =
      try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
      ?? FileHandle.nullDevice
    process.terminationHandler = { [weak self] _ in self?.markFinished() }
    try process.run()
  }

  private func markFinished() {
    let resumed = ending.withLock { ending in
      ending.finished = true
      defer { ending.waiters = [] }
      return ending.waiters
    }
    for waiter in resumed { waiter.resume() }
  }

  /// Sends SIGKILL: the process dies at once, wherever it is.
  func kill() {
    sendKill(process.processIdentifier)
  }

  /// Waits for the process to end and returns what it printed.
  func wait() async -> CommandResult {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let done = ending.withLock { ending in
        if !ending.finished { ending.waiters.append(continuation) }
        return ending.finished
      }
      if done { continuation.resume() }
    }
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }

  /// Whether the process was killed by a signal rather than exiting.
  var wasKilled: Bool { process.terminationReason == .uncaughtSignal }

  var stdout: String { Self.text(stdoutPath) }
  var stderr: String { Self.text(stderrPath) }

  private static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  /// Runs `menuvault ARGUMENTS` to the end.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: ScratchDirectory,
    stdin: String? = nil
  ) async throws -> CommandResult {
    try await BackgroundCommand(arguments, environment: environment, in: directory, stdin: stdin)
      .wait()
  }
}

/// `kill -9 PID`.
private func sendKill(_ pid: Int32) {
  #if canImport(Glibc)
    _ = Glibc.kill(pid, SIGKILL)
  #else
    _ = Darwin.kill(pid, SIGKILL)
  #endif
}

/// A `menuvault sandbox` process on a free port, for the reliability runs (its own apps and
/// tokens when asked, its log kept in a file).
final class SandboxProcess: Sendable {
  let process = Process()
  let baseURL: String
  let logPath: String

  init(arguments: [String] = [], quiet: Bool = true, in directory: ScratchDirectory) throws {
    logPath = directory.path("sandbox-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    process.executableURL = BackgroundCommand.binary
    process.arguments = ["sandbox", "--port", "0"] + (quiet ? ["--quiet"] : []) + arguments
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    baseURL = try launchSandbox(process)
  }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  /// What the sandbox logged on stderr.
  var log: String {
    String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
  }

  /// Sends a request to the sandbox and returns the status and body.
  @discardableResult
  func request(_ method: String, _ path: String, _ body: String? = nil) async throws -> (
    status: Int, body: String
  ) {
    guard let url = URL(string: baseURL + path) else { throw SandboxStartFailure(line: path) }
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body.map { Data($0.utf8) }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  /// POSTs a control request (`sandbox/faults`, `sandbox/expire-tokens`, ...), which must succeed.
  func control(_ path: String, _ body: String = "") async throws {
    let (status, text) = try await request("POST", path, body)
    guard status == 200 else { throw SandboxStartFailure(line: "\(path): \(status) \(text)") }
  }

  /// Queues a fault (`{"path": ..., "count": ..., ...}`).
  func fault(_ json: String) async throws {
    try await control("sandbox/faults", json)
  }

  /// How many calls the sandbox logged for `path` (`/cgi-bin/menu/get`).
  func callCount(_ path: String) async throws -> Int {
    let (_, text) = try await request("GET", "sandbox/calls?path=\(path)")
    return text.components(separatedBy: "\"sequence\"").count - 1
  }

  /// Forgets the call log, menus, tokens and faults.
  func reset() async throws {
    try await control("sandbox/reset")
  }
}

/// The counts `menuvault verify` prints on success.
struct VaultCounts: Equatable {
  var snapshots: Int
  var blobs: Int
  var accounts: Int
  var operations: Int

  /// Reads `ok: 19 snapshot(s), 13 blob(s) (5122 bytes), 1 account(s), 3 operation(s)`.
  init?(verifyOutput text: String) {
    let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard text.hasPrefix("ok: "), numbers.count >= 5 else { return nil }
    snapshots = numbers[0]
    blobs = numbers[1]
    accounts = numbers[3]
    operations = numbers[4]
  }
}

/// The runs' shared steps.
enum Reliability {
  /// Runs `menuvault verify --db VAULT`, expects it to pass, and returns its counts.
  static func verify(_ vault: String, in directory: ScratchDirectory, _ context: String = "")
    async throws -> VaultCounts?
  {
    let result = try await BackgroundCommand.run(["verify", "--db", vault], in: directory)
    #expect(result.status == 0, "verify failed \(context): \(result.stdout)\(result.stderr)")
    let counts = VaultCounts(verifyOutput: result.stdout)
    #expect(counts != nil, "verify printed \(result.stdout)")
    return counts
  }

  /// The snapshot ids at the start of `id hash new|unchanged` lines (import's output); a last
  /// line cut short by a kill is ignored.
  static func importedIDs(_ stdout: String) -> [Int] {
    stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap {
      line in
      let fields = line.split(separator: " ")
      guard fields.count == 3, fields[1].count == 64 else { return nil }
      return Int(fields[0])
    }
  }

  /// Whether `text` mentions SQLite's busy errors, which must never reach a user.
  static func mentionsBusy(_ text: String) -> Bool {
    let lowered = text.lowercased()
    return lowered.contains("database is locked") || lowered.contains("sqlite_busy")
      || lowered.contains("database is busy") || lowered.contains("sqlite error 5")
  }

  /// A random pause in `range` seconds.
  static func pause(_ range: ClosedRange<Double>) async throws {
    try await Task.sleep(for: .milliseconds(Int(Double.random(in: range) * 1000)))
  }
}
