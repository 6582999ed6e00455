import Foundation
import Synchronization

/// What a finished process printed and how it exited.
struct CommandResult {
  /// The process exit code.
  var status: Int32
  /// Everything written to stdout.
  var stdout: String
  /// Everything written to stderr.
  var stderr: String
}

/// The tests' one way to run a program to its end: `menuvault`, chromium, `ldd`, `sha256sum`.
/// (Programs that keep running beside a test, a sandbox or `serve`, are `BackgroundCommand`s.)
enum ProcessRunner {
  /// Runs `executable` with `arguments`, feeding `stdin`, with `environment` added to this
  /// process's, in `directory`; killed after `timeout` seconds when one is given.
  ///
  /// The waiting happens on a thread of its own: blocking Swift's shared pool (one thread per
  /// core) would stall every other test of the process, the sandboxes some of them run included.
  static func run(
    _ executable: URL, _ arguments: [String], stdin: [UInt8] = [],
    environment: [String: String] = [:], directory: URL? = nil, timeout: Double? = nil
  ) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            try runBlocking(
              executable, arguments, stdin: stdin, environment: environment,
              directory: directory, timeout: timeout)
          })
      }
    }
  }

  private static func runBlocking(
    _ executable: URL, _ arguments: [String], stdin: [UInt8], environment: [String: String],
    directory: URL?, timeout: Double?
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let killer = timeout.map { seconds in
      let pid = process.processIdentifier
      let item = DispatchWorkItem { kill(pid, SIGKILL) }
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
      return item
    }
    input.fileHandleForWriting.write(Data(stdin))
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errorData = Mutex(Data())
    let group = DispatchGroup()
    group.enter()
    Thread.detachNewThread {
      let data = errors.fileHandleForReading.readDataToEndOfFile()
      errorData.withLock { $0 = data }
      group.leave()
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    killer?.cancel()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
  }
}

enum CommandRunner {
  /// The `menuvault` binary next to the test bundle in the build folder.
  static let binary: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("menuvault")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../.build/debug/menuvault").standardized
  }()

  /// The API fixtures shared with the library tests.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../MenuVaultTests/Fixtures").standardized

  /// Runs `menuvault` with `arguments`, feeding `stdin`, in `directory`.
  static func run(
    _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
    directory: URL? = nil
  ) async throws -> CommandResult {
    try await ProcessRunner.run(
      binary, arguments, stdin: stdin, environment: environment, directory: directory)
  }
}
