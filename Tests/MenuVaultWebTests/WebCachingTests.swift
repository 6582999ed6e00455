import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuVault
import Testing

@testable import MenuVaultWeb

/// Issue 17, "pages cost little": entity tags and 304s on every page, the stored bytes kept by
/// the browser for good, and the pages drawn once kept until the vault changes, never longer.
@Suite("menuvault serve's entity tags and kept pages")
struct WebCachingTests {
  /// The Content-Security-Policy every response carries.
  static let policy = SecurityHeaders<BasicRequestContext>.contentSecurityPolicy

  /// The pages, as HTML and as JSON.
  static let pages = [
    "/", "/accounts/demo-shop", "/accounts/demo-shop?all=1", "/snapshots/1", "/compare?from=1&to=2",
  ]

  /// A JSON or HTML request, with `If-None-Match: tag` when one is given.
  static func headers(json: Bool, ifNoneMatch tag: String? = nil) -> HTTPFields {
    var fields: HTTPFields = json ? .json : [:]
    if let tag { fields[.ifNoneMatch] = tag }
    return fields
  }

  /// A new snapshot of the demo's account with a menu it never had, recorded by `workflows`
  /// (a connection other than the server's): a change, so the timeline shows it.
  static func recordChange(_ workflows: Workflows, name: String) async throws -> Int64 {
    let menu = #"{"button":[{"type":"click","name":"\#(name)","key":"K"}]}"#
    let batch = try ImportBatch.read([("change.json", Array(menu.utf8))])
    let recorded = try await workflows.record(batch, account: DemoVault.account)
    let snapshot = try #require(recorded.first)
    #expect(snapshot.isChange)
    return snapshot.id
  }

  @Test("raw and canonical carry their hash as a strong ETag and may be kept a year, privately")
  func storedBytes() async throws {
    try await DemoVault.with { vault in
      let info = try #require(try vault.store.snapshot(id: vault.badID))
      try await vault.withApp { client in
        for (kind, hash) in [("raw", info.rawHash), ("canonical", info.contentHash)] {
          let uri = "/snapshots/\(vault.badID)/\(kind)"
          let response = try await client.execute(uri: uri, method: .get)
          #expect(response.status == .ok)
          #expect(response.headers[.eTag] == "\"\(hash)\"", "\(kind): the stored hash, strong")
          #expect(
            response.headers[.cacheControl] == "private, max-age=31536000, immutable", "\(kind)")

          let again = try await client.execute(
            uri: uri, method: .get, headers: [.ifNoneMatch: "\"\(hash)\""])
          #expect(again.status == .notModified, "\(kind)")
          #expect(again.body.readableBytes == 0, "\(kind)")
          #expect(again.headers[.eTag] == "\"\(hash)\"", "\(kind)")
          #expect(again.headers[.cacheControl] == "private, max-age=31536000, immutable")
          #expect(
            again.headers[.contentSecurityPolicy] == Self.policy,
            "\(kind): a 304 keeps the security headers")
          #expect(again.headers[.xContentTypeOptions] == "nosniff", "\(kind)")

          let other = try await client.execute(
            uri: uri, method: .get,
            headers: [.ifNoneMatch: "\"\(String(repeating: "0", count: 64))\""])
          #expect(other.status == .ok, "\(kind): another tag gets the bytes")
          #expect(other.bytes == response.bytes, "\(kind)")
        }
      }
    }
  }

  @Test("every page, HTML and JSON, has a strong ETag and answers If-None-Match with an empty 304")
  func pagesAnswer304() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        for path in Self.pages {
          for json in [false, true] {
            let label = "\(path) \(json ? "JSON" : "HTML")"
            let page = try await client.execute(
              uri: path, method: .get, headers: Self.headers(json: json))
            #expect(page.status == .ok, "\(label)")
            let tag = try #require(page.headers[.eTag], "\(label)")
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 66, "\(label)")
            #expect(tag == "\"\(ContentHash.sha256Hex(page.bytes))\"", "\(label): the body's hash")
            #expect(page.headers[.cacheControl] == "private, no-cache", "\(label)")
            #expect(page.headers[.vary] == "Accept", "\(label)")

            for header in [tag, "W/\(tag)", "\"other\", \(tag)", "*"] {
              let again = try await client.execute(
                uri: path, method: .get, headers: Self.headers(json: json, ifNoneMatch: header))
              #expect(again.status == .notModified, "\(label) If-None-Match: \(header)")
              #expect(again.body.readableBytes == 0, "\(label)")
              #expect(again.headers[.eTag] == tag, "\(label)")
              #expect(again.headers[.vary] == "Accept", "\(label)")
              #expect(
                again.headers[.contentSecurityPolicy] == Self.policy,
                "\(label): a 304 keeps the security headers")
            }
            let stale = try await client.execute(
              uri: path, method: .get, headers: Self.headers(json: json, ifNoneMatch: "\"other\""))
            #expect(stale.status == .ok, "\(label)")
            #expect(stale.bytes == page.bytes, "\(label): drawn again, the same bytes")
          }
        }
        // HTML and JSON are different bytes, with different tags.
        let html = try await client.execute(uri: "/accounts/demo-shop", method: .get)
        let json = try await client.execute(
          uri: "/accounts/demo-shop", method: .get,
          headers: Self.headers(json: true, ifNoneMatch: html.headers[.eTag]))
        #expect(json.status == .ok)
        #expect(json.headers[.eTag] != html.headers[.eTag])
      }
    }
  }

  @Test("errors and the Host check are as before: no tag, not kept, refused before any page")
  func errorsAndHostUnchanged() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let missing = try await client.execute(uri: "/accounts/nobody", method: .get)
        #expect(missing.status == .notFound)
        #expect(missing.headers[.eTag] == nil)
        #expect(missing.headers[.cacheControl] == "no-store")

        let page = try await client.execute(uri: "/accounts/demo-shop", method: .get)
        let tag = try #require(page.headers[.eTag])
        var headers = HTTPFields.host("evil.example:80")
        headers[.ifNoneMatch] = tag
        let refused = try await client.execute(
          uri: "/accounts/demo-shop", method: .get, headers: headers)
        #expect(refused.status == .misdirectedRequest, "the Host check comes before the cache")
        #expect(!refused.text.contains("demo-shop"))
      }
    }
  }

  @Test("a page's ETag changes once another connection records a snapshot; its old tag gets 200")
  func tagFollowsTheVault() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let before = try await client.execute(uri: "/accounts/demo-shop", method: .get)
        let overview = try await client.execute(uri: "/", method: .get, headers: .json)
        let tag = try #require(before.headers[.eTag])
        let other = "/snapshots/\(vault.hostileID)"
        let otherBefore = try await client.execute(uri: other, method: .get)

        // Through the demo's own store: another connection to the file than the server's.
        let id = try await Self.recordChange(Workflows(store: vault.store), name: "新菜单")

        let after = try await client.execute(
          uri: "/accounts/demo-shop", method: .get, headers: [.ifNoneMatch: tag])
        #expect(after.status == .ok, "the old tag names a page that is no longer the page")
        #expect(after.headers[.eTag] != tag)
        #expect(after.text.contains(#"<a href="/snapshots/\#(id)">#\#(id)</a>"#))
        #expect(!before.text.contains("/snapshots/\(id)\""))
        let overviewAfter = try await client.execute(uri: "/", method: .get, headers: .json)
        #expect(overviewAfter.headers[.eTag] != overview.headers[.eTag])

        // A page the write did not touch (another account's snapshot) is drawn again, the same
        // bytes: its tag from before the write still gets 304.
        let again = try await client.execute(
          uri: other, method: .get, headers: [.ifNoneMatch: otherBefore.headers[.eTag] ?? ""])
        #expect(again.status == .notModified)
      }
    }
  }

  @Test("drawn, written by another store (as the command line would), drawn: never stale")
  func neverStale() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        var recorded: [Int64] = []
        for round in 0..<12 {
          // Drawn (and kept), twice: the second comes from the cache.
          for _ in 0..<2 {
            let page = try await client.execute(uri: "/accounts/demo-shop?all=1", method: .get)
            for id in recorded {
              #expect(page.text.contains("/snapshots/\(id)\""), "round \(round): #\(id) missing")
            }
          }
          // Every other round through a store opened for the write alone, and closed, as a
          // `menuvault import` in another process would; else through the demo's own store.
          if round.isMultiple(of: 2) {
            let writer = try VaultStore.open(path: vault.path)
            recorded.append(
              try await Self.recordChange(Workflows(store: writer), name: "r\(round)"))
            try writer.close()
          } else {
            recorded.append(
              try await Self.recordChange(Workflows(store: vault.store), name: "r\(round)"))
          }
          let page = try await client.execute(uri: "/accounts/demo-shop?all=1", method: .get)
          let json = try await client.execute(
            uri: "/accounts/demo-shop?all=1", method: .get, headers: .json)
          let latest = try #require(recorded.last)
          #expect(page.text.contains("/snapshots/\(latest)\""), "round \(round): a stale page")
          let entries = try JSONDecoder().decode([HistoryEntry].self, from: Data(json.bytes))
          #expect(entries.first?.id == latest, "round \(round): stale JSON")
          let snapshot = try await client.execute(uri: "/snapshots/\(latest)", method: .get)
          #expect(snapshot.status == .ok, "round \(round): the new snapshot's page")
        }
      }
    }
  }

  @Test("the change counter moves with every commit of another connection, and only then")
  func changeCounter() async throws {
    try await DemoVault.with { vault in
      let reader = try VaultStore.openForReading(path: vault.path)
      defer { try? reader.close() }
      let counter = try reader.changeCounter()
      let first = try counter.current()
      #expect(try counter.current() == first, "no commit, no change")
      _ = try reader.history(account: DemoVault.account)
      #expect(try counter.current() == first, "a read is no commit")
      _ = try await Self.recordChange(Workflows(store: vault.store), name: "a")
      let second = try counter.current()
      #expect(second > first)
      #expect(try counter.current() == second)
    }
    // An in-memory vault has one connection: its own commits count.
    let memory = try VaultStore.inMemory()
    let counter = try memory.changeCounter()
    let first = try counter.current()
    _ = try await Self.recordChange(Workflows(store: memory), name: "b")
    #expect(try counter.current() > first)
  }

  @Test("the kept pages stay within their bound, the least recently used going first")
  func cacheBounded() {
    func page(_ size: Int) -> DrawnPage {
      .html(String(repeating: "x", count: size))
    }
    func key(_ index: Int) -> PageCache.Key { PageCache.Key(target: "/p/\(index)", json: false) }
    let cache = PageCache(maximumBytes: 100_000)
    for index in 0..<1000 {
      cache.keep(page(1000), for: key(index), changeCount: 7)
      if index > 0 { _ = cache.page(for: key(0), changeCount: 7) }  // kept in use
      #expect(cache.usage.bytes <= 100_000)
    }
    #expect(cache.usage.pages > 40)
    #expect(cache.page(for: key(0), changeCount: 7) != nil, "the page in use stays")
    #expect(cache.page(for: key(1), changeCount: 7) == nil, "the least recently used went")
    #expect(cache.page(for: key(999), changeCount: 7) != nil)

    cache.keep(page(30_000), for: key(-1), changeCount: 7)
    #expect(cache.page(for: key(-1), changeCount: 7) == nil, "larger than a quarter: not kept")

    // A newer count forgets every page; a page drawn under an older one is not kept.
    #expect(cache.page(for: key(999), changeCount: 8) == nil)
    #expect(cache.usage.pages == 0 && cache.usage.bytes == 0)
    cache.keep(page(10), for: key(5), changeCount: 7)
    #expect(cache.page(for: key(5), changeCount: 8) == nil)
    #expect(cache.usage.pages == 0)
    cache.keep(page(10), for: key(5), changeCount: 8)
    #expect(cache.page(for: key(5), changeCount: 8)?.body == page(10).body)
  }

  @Test(
    "If-None-Match: *, lists, weak tags, and headers that cannot be read",
    arguments: [
      (#""abc""#, true),
      (#"W/"abc""#, true),
      (#""x", "abc""#, true),
      (#""x","abc""#, true),
      (#" W/"x" , W/"abc" "#, true),
      ("*", true),
      (#""abcd""#, false),
      (#""ab""#, false),
      ("abc", false),
      (#""abc"#, false),
      ("", false),
      (#""x", junk, "abc""#, false),
    ])
  func ifNoneMatch(header: String, matches: Bool) {
    #expect(EntityTags.matches(header, #""abc""#) == matches)
  }
}
