import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("serve only reads the vault")
struct ServeReadOnlyTests {
  @Test("serving every kind of page leaves the vault file byte for byte as it was")
  func pagesLeaveTheVaultUnchanged() async throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-serve-read-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let vault = scratch.appendingPathComponent("vault.sqlite").path
    let demo = try await CommandRunner.run(["demo", "--db", vault])
    try #require(demo.status == 0, "menuvault demo failed: \(demo.stderr)")
    let before = try Data(contentsOf: URL(fileURLWithPath: vault))

    let server = try ServeProcess(vault: vault, log: scratch.appendingPathComponent("serve.log"))
    defer { server.stop() }
    let base = try await server.start()
    for path in [
      "", "accounts/demo-shop", "accounts/demo-shop?all=1", "snapshots/2", "snapshots/2/raw",
      "compare?from=2&to=7", "accounts/nobody",
    ] {
      let url = try #require(URL(string: base + path))
      let (_, response) = try await URLSession.shared.data(from: url)
      let status = (response as? HTTPURLResponse)?.statusCode
      #expect(status == (path == "accounts/nobody" ? 404 : 200), "\(path)")
    }
    #expect(server.stop() == .exit(0))

    #expect(try Data(contentsOf: URL(fileURLWithPath: vault)) == before)
    let wal = (try? FileManager.default.attributesOfItem(atPath: vault + "-wal")[.size]) as? Int
    #expect((wal ?? 0) == 0, "the server wrote \(wal ?? 0) bytes of write-ahead log")
  }
}
