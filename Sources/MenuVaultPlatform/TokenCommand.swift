import Foundation

/// Runs the command that prints an access token: `/bin/sh -c COMMAND`, the first line of its
/// standard output, trimmed. The command string may be stored; what it prints never is.
enum TokenCommand {
  /// Runs `command` and returns its first output line, or fails naming the command (scrubbed by
  /// the caller) and why.
  static func run(_ command: String, timeout: Duration) async throws(PlatformError) -> String {
    let result = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(returning: runBlocking(command, timeout: timeout))
      }
    }
    return try result.get()
  }

  private static func runBlocking(_ command: String, timeout: Duration) -> Result<
    String, PlatformError
  > {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return .failure(
        .tokenCommandFailed(
          command: command, reason: "could not start: \(error.localizedDescription)")
      )
    }
    let timedOut = TimeoutFlag()
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout.platformTimeInterval) {
      if process.isRunning {
        timedOut.set()
        process.terminate()
      }
    }
    let errorData = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    if timedOut.isSet {
      return .failure(
        .tokenCommandFailed(
          command: command,
          reason: "did not finish within \(PlatformError.format(timeout.platformTimeInterval)) s"))
    }
    guard process.terminationStatus == 0 else {
      let detail = firstLine(errorData.get()).map { ": \($0)" } ?? ""
      return .failure(
        .tokenCommandFailed(
          command: command, reason: "exited with status \(process.terminationStatus)\(detail)"))
    }
    guard let token = firstLine(outputData), !token.isEmpty else {
      return .failure(.tokenCommandFailed(command: command, reason: "printed no token"))
    }
    return .success(token)
  }

  /// The first non-empty line of `data`, trimmed.
  private static func firstLine(_ data: Data) -> String? {
    String(decoding: data, as: UTF8.self)
      .split(whereSeparator: \.isNewline)
      .lazy
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .first { !$0.isEmpty }
  }
}

/// A flag set from the timeout timer and read after the process ended.
private final class TimeoutFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}

/// Holds the standard-error bytes read on another thread.
private final class DataBox: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func set(_ newValue: Data) {
    lock.lock()
    data = newValue
    lock.unlock()
  }

  func get() -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
