import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Issue 17: `menuvault serve` keeps the pages it drew until the vault changes, and a change made
/// by another process (the command line) is seen at the next request.
@Suite("serve's kept pages and another process's writes")
struct ServeCacheTests {
  /// A session that keeps nothing itself: every request reaches the server as written.
  static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
    return URLSession(configuration: configuration)
  }()

  /// The status, `ETag` and body of `url`, asked with `If-None-Match: tag` when one is given.
  static func get(_ url: String, ifNoneMatch tag: String? = nil) async throws
    -> (status: Int, tag: String?, body: String)
  {
    var request = URLRequest(url: try #require(URL(string: url)))
    if let tag { request.setValue(tag, forHTTPHeaderField: "If-None-Match") }
    let (data, response) = try await session.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    return (
      http.statusCode, http.value(forHTTPHeaderField: "ETag"),
      String(decoding: data, as: UTF8.self)
    )
  }

  @Test("a snapshot imported by another process shows at once, under a new ETag")
  func importSeenAtOnce() async throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-serve-cache-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let vault = scratch.appendingPathComponent("vault.sqlite").path
    let demo = try await CommandRunner.run(["demo", "--db", vault])
    try #require(demo.status == 0, "menuvault demo failed: \(demo.stderr)")

    let server = try ServeProcess(vault: vault, log: scratch.appendingPathComponent("serve.log"))
    defer { server.stop() }
    let base = try await server.start()
    let timeline = base + "accounts/demo-shop"

    var previous = try await Self.get(timeline)
    #expect(previous.status == 200)
    for round in 1...3 {
      let tag = try #require(previous.tag)
      #expect(try await Self.get(timeline, ifNoneMatch: tag).status == 304, "round \(round)")

      let menu = scratch.appendingPathComponent("menu-\(round).json")
      try Data(#"{"button":[{"type":"click","name":"第\#(round)版","key":"K"}]}"#.utf8).write(
        to: menu)
      let imported = try await CommandRunner.run(
        ["import", "--account", "demo-shop", "--db", vault, menu.path])
      try #require(imported.status == 0, "menuvault import failed: \(imported.stderr)")
      let id = try #require(imported.stdout.split(separator: " ").first.flatMap { Int($0) })

      let current = try await Self.get(timeline, ifNoneMatch: tag)
      #expect(current.status == 200, "round \(round): the old tag is no longer the page")
      #expect(current.tag != tag, "round \(round)")
      #expect(current.body.contains(#"<a href="/snapshots/\#(id)">#\#(id)</a>"#), "round \(round)")
      previous = current
    }
    #expect(server.stop() == .exit(0))
  }
}
