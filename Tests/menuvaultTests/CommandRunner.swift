import Foundation
import Synchronization

/// Runs the built `menuvault` binary and captures what it printed and how it exited.
struct CommandResult {
  /// The process exit code.
  var status: Int32
  /// Everything written to stdout.
  var stdout: String
  /// Everything written to stderr.
  var stderr: String
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
  ///
  /// The waiting happens on a thread of its own: blocking Swift's shared pool (one thread per
  /// core) would stall every other test of the process, the sandboxes some of them run included.
  static func run(
    _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
    directory: URL? = nil
  ) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result {
            try runBlocking(
              arguments, stdin: stdin, environment: environment, directory: directory)
          })
      }
    }
  }

  private static func runBlocking(
    _ arguments: [String], stdin: [UInt8], environment: [String: String], directory: URL?
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = binary
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
    input.fileHandleForWriting.write(Data(stdin))
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errorData = LockedData()
    let group = DispatchGroup()
    group.enter()
    Thread.detachNewThread {
      errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errorData.get(), as: UTF8.self))
  }
}

/// A tiny lock-protected buffer for the concurrent pipe read.
final class LockedData: Sendable {
  private let data = Mutex(Data())

  func set(_ newValue: Data) {
    data.withLock { $0 = newValue }
  }

  func get() -> Data {
    data.withLock { $0 }
  }
}
