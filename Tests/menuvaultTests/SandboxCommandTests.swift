import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("the sandbox command")
struct SandboxCommandTests {
  @Test("sandbox --port 0 prints the listening line first, serves, and exits 0 on SIGTERM")
  func listensAndStops() async throws {
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = ["sandbox", "--port", "0", "--app", "wxcli:cli-secret"]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    let line = try await Self.firstLine(of: output.fileHandleForReading)
    let prefix = "listening on http://127.0.0.1:"
    #expect(line.hasPrefix(prefix))
    let port = try #require(Int(line.dropFirst(prefix.count)))
    #expect(port > 0)

    let url = try #require(
      URL(
        string:
          "http://127.0.0.1:\(port)/cgi-bin/token?grant_type=client_credential&appid=wxcli&secret=cli-secret"
      ))
    let (data, _) = try await URLSession.shared.data(from: url)
    #expect(String(decoding: data, as: UTF8.self).contains(#""expires_in":7200"#))

    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
    let logged = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(
      logged.contains(
        "GET /cgi-bin/token?grant_type=client_credential&appid=wxcli&secret=<redacted> -> HTTP 200")
    )
    #expect(!logged.contains("cli-secret"))
  }

  @Test("a malformed --app is a usage error")
  func badApp() async throws {
    let result = try await CommandRunner.run(["sandbox", "--app", "no-colon"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--app 'no-colon' is not APPID:SECRET"))
  }

  /// Reads up to the first newline, without waiting for the pipe to close.
  static func firstLine(of handle: FileHandle) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        var bytes: [UInt8] = []
        while true {
          let chunk = handle.readData(ofLength: 1)
          guard let byte = chunk.first else { break }
          if byte == UInt8(ascii: "\n") { break }
          bytes.append(byte)
        }
        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
      }
    }
  }
}
