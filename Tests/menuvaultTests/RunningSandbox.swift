import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A `menuvault sandbox` process on a free port of 127.0.0.1, with a temporary vault beside it,
/// for end-to-end runs of the built binary.
final class RunningSandbox: Sendable {
  let process = Process()
  let baseURL: String
  let directory: URL
  var vault: String { directory.appendingPathComponent("vault.sqlite").path }

  /// Starts `menuvault sandbox` with `arguments` added (more apps: `--app APPID:SECRET`).
  init(_ arguments: [String] = []) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    process.executableURL = CommandRunner.binary
    process.arguments = ["sandbox", "--port", "0", "--quiet"] + arguments
    process.standardError = FileHandle.nullDevice
    baseURL = try launchSandbox(process)
  }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  /// The credentials the sandbox's default apps accept.
  static let environment = [
    "MENUVAULT_APPSECRET": "sandbox-secret", "MENUVAULT_ACCESS_TOKEN": "",
  ]
  static let weiboEnvironment = ["MENUVAULT_ACCESS_TOKEN": "weibo-sandbox-token"]

  /// Runs `menuvault ARGS --db VAULT` with the sandbox credentials.
  func run(_ arguments: [String], weibo: Bool = false, stdin: [UInt8] = []) async throws
    -> CommandResult
  {
    try await CommandRunner.run(
      arguments + ["--db", vault], stdin: stdin,
      environment: weibo ? Self.weiboEnvironment : Self.environment)
  }

  /// Writes `text` to a file in the scratch directory and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// How many calls to `path` (e.g. `/cgi-bin/menu/create`) the sandbox has logged.
  func callCount(_ path: String) async throws -> Int {
    guard let url = URL(string: baseURL + "sandbox/calls?path=" + path) else {
      throw SandboxStartFailure(line: path)
    }
    let (data, _) = try await URLSession.shared.data(from: url)
    return String(decoding: data, as: UTF8.self).components(separatedBy: "\"sequence\"").count - 1
  }

  /// The calls the sandbox logged to `path`, as `/sandbox/calls` lists them.
  func calls(_ path: String) async throws -> [[String: Any]] {
    guard let url = URL(string: baseURL + "sandbox/calls?path=" + path) else {
      throw SandboxStartFailure(line: path)
    }
    let (data, _) = try await URLSession.shared.data(from: url)
    let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return answer?["calls"] as? [[String: Any]] ?? []
  }

  /// An access token for `appID` from the sandbox's `cgi-bin/stable_token`.
  func stableToken(appID: String, secret: String) async throws -> String {
    guard let url = URL(string: baseURL + "cgi-bin/stable_token") else {
      throw SandboxStartFailure(line: appID)
    }
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: [
      "grant_type": "client_credential", "appid": appID, "secret": secret,
    ])
    let (data, _) = try await URLSession.shared.data(for: request)
    let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    guard let token = answer?["access_token"] as? String else {
      throw SandboxStartFailure(line: String(decoding: data, as: UTF8.self))
    }
    return token
  }

  /// POSTs a control request (`sandbox/faults`, `sandbox/website-menu`, ...).
  func control(_ path: String, _ body: String) async throws {
    guard let url = URL(string: baseURL + path) else { throw SandboxStartFailure(line: path) }
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    let (data, response) = try await URLSession.shared.data(for: request)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
      throw SandboxStartFailure(line: String(decoding: data, as: UTF8.self))
    }
  }
}

struct SandboxStartFailure: Error {
  var line: String
}

/// Runs `process` (a `menuvault sandbox ...`, its arguments and stderr set) and returns the base
/// URL from the `listening on http://HOST:PORT` line it prints first.
func launchSandbox(_ process: Process) throws -> String {
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  var bytes: [UInt8] = []
  while true {
    let chunk = output.fileHandleForReading.readData(ofLength: 1)
    guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
    bytes.append(byte)
  }
  let line = String(decoding: bytes, as: UTF8.self)
  guard line.hasPrefix("listening on ") else {
    process.terminate()
    throw SandboxStartFailure(line: line)
  }
  return String(line.dropFirst("listening on ".count)) + "/"
}
