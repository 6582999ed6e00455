import Foundation

/// Runs the command that prints an access token: `/bin/sh -c COMMAND`, the first line of its
/// standard output, trimmed. The command string may be stored; what it prints never is.
///
/// Foundation's `Process`, its blocking calls on `BlockingWork`'s pool (swift-subprocess would
/// bring a worker thread and a process-monitor thread of its own, a second way off the
/// cooperative pool, and a cap on the output it collects).
package enum TokenCommand {
  /// The variable that holds, in a token command's environment, the name of the account it is
  /// run for: `MENUVAULT_ACCOUNT`.
  package static let accountVariable = "MENUVAULT_ACCOUNT"
  /// The variable that holds, in a token command's environment, the app id of the account it is
  /// run for (WeChat appid, Weibo app key): `MENUVAULT_APPID`.
  package static let appIDVariable = "MENUVAULT_APPID"

  /// Runs `command` and returns its first output line, or fails naming the command (scrubbed by
  /// the caller) and why: it could not start, did not finish within `timeout` (it is then
  /// terminated), exited with a status other than 0 (with the first line it wrote on standard
  /// error), or printed nothing.
  ///
  /// `environment` is added to the environment the command inherits, through `env(1)` (`/usr/bin/env
  /// NAME=VALUE... /bin/sh -c COMMAND`): the library never reads this process's environment,
  /// not even to pass it on.
  static func run(_ command: String, environment: [String: String] = [:], timeout: Duration)
    async throws(PlatformError) -> String
  {
    let process = Process()
    if environment.isEmpty {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", command]
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        + ["/bin/sh", "-c", command]
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try await BlockingWork.run { () throws(PlatformError) in
      do {
        try start(process)
      } catch {
        throw .tokenCommandFailed(
          command: command, reason: "could not start: \(error.localizedDescription)")
      }
    }
    let deadline = Task { () -> Bool in
      guard (try? await Task.sleep(for: timeout)) != nil, process.isRunning else { return false }
      process.terminate()
      return true
    }
    // Both pipes are read at once: a command that fills one while the other is read would
    // otherwise wait forever.
    async let errorData = BlockingWork.run { errors.fileHandleForReading.readDataToEndOfFile() }
    let outputData = await BlockingWork.run { () -> Data in
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return data
    }
    let standardError = await errorData
    deadline.cancel()
    if await deadline.value {
      throw .tokenCommandFailed(
        command: command,
        reason: "did not finish within \(PlatformError.format(timeout.timeInterval)) s")
    }
    guard process.terminationStatus == 0 else {
      let detail = firstLine(standardError).map { ": \($0)" } ?? ""
      throw .tokenCommandFailed(
        command: command, reason: "exited with status \(process.terminationStatus)\(detail)")
    }
    guard let token = firstLine(outputData), !token.isEmpty else {
      throw .tokenCommandFailed(command: command, reason: "printed no token")
    }
    return token
  }

  /// Starts `process` with no signal blocked. A child inherits the signal mask of the thread
  /// that starts it, and the blocking pool's threads inherit theirs from the thread that started
  /// the pool, usually one of Dispatch's workers, which block nearly every signal: the command
  /// would never receive the timeout's SIGTERM.
  private static func start(_ process: Process) throws {
    var none = sigset_t()
    var previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    try process.run()
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
