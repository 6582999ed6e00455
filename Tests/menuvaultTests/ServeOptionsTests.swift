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
        result.stderr.contains("--allow-publish serves only on a loopback address"), "\(host)")
      #expect(result.stdout.isEmpty, "nothing listened")
    }
  }
}
