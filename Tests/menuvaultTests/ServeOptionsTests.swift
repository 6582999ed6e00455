import Foundation
import Testing

@Suite("serve's options")
struct ServeOptionsTests {
  @Test("--allow-publish on a non-loopback address is refused before anything is opened")
  func allowPublishNeedsLoopback() async throws {
    for host in ["0.0.0.0", "::", "192.168.1.20"] {
      let result = try await CommandRunner.run([
        "serve", "--host", host, "--allow-publish", "--db", "/nonexistent/vault.sqlite",
      ])
      #expect(result.status == 64, "\(host): \(result.stderr)")
      #expect(
        result.stderr.contains(
          "--allow-publish: pages that publish are served only on a loopback address"), "\(host)")
      #expect(result.stdout.isEmpty, "nothing listened")
    }
  }

  @Test("a port another server holds: exit 69 and what to do")
  func busyPort() async throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-serve-busy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let vault = scratch.appendingPathComponent("vault.sqlite").path
    let demo = try await CommandRunner.run(["demo", "--db", vault])
    try #require(demo.status == 0, "menuvault demo failed: \(demo.stderr)")
    let first = try ServeProcess(vault: vault, log: scratch.appendingPathComponent("serve.log"))
    defer { first.stop() }
    let base = try await first.start()
    let port = try #require(URL(string: base)?.port)

    let second = try await CommandRunner.run(["serve", "--db", vault, "--port", String(port)])
    #expect(second.status == 69, "\(second.stderr)")
    #expect(second.stderr.contains("cannot serve on 127.0.0.1 port \(port): "))
    #expect(second.stderr.contains("give another --port, or --port 0 for a free one"))
  }
}
