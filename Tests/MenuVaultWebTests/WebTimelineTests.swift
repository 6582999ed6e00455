import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuVault
import MenuVaultWeb
import Testing

/// The timeline's keyset pages and the errors pages give.
@Suite("menuvault serve's timeline pages and errors")
struct WebTimelineTests {
  /// The snapshot ids a timeline page lists, in order.
  static func ids(_ html: String) -> [Int64] {
    html.components(separatedBy: #"<input type="radio" name="to" value=""#).dropFirst()
      .compactMap { Int64($0.prefix { $0.isNumber }) }
  }

  /// The `href` of the link with `rel`.
  static func link(_ html: String, rel: String) -> String? {
    let marker = #"<a rel="\#(rel)" href=""#
    guard let start = html.range(of: marker)?.upperBound,
      let end = html[start...].firstIndex(of: "\"")
    else { return nil }
    return String(html[start..<end]).replacingOccurrences(of: "&amp;", with: "&")
  }

  @Test(
    "older pages follow before= and never repeat a row, newer pages come back with after=",
    arguments: [true, false])
  func keysetPages(changesOnly: Bool) async throws {
    try await DemoVault.with { vault in
      let expected = try vault.store.history(
        account: DemoVault.account, changesOnly: changesOnly
      ).map(\.id)
      #expect(expected.count > 6)
      try await vault.withApp(pageSize: 3) { client in
        var seen: [Int64] = []
        var pages: [String] = []
        var next: String? = "/accounts/demo-shop" + (changesOnly ? "" : "?all=1")
        while let uri = next {
          let html = try await client.execute(uri: uri, method: .get).text
          let ids = Self.ids(html)
          #expect(ids.count <= 3)
          #expect(!ids.isEmpty)
          seen += ids
          pages.append(uri)
          next = Self.link(html, rel: "next")
          #expect(pages.count < 20)
          if pages.count >= 20 { break }
        }
        #expect(seen == expected, "every row once, newest first")
        #expect(pages.dropFirst().allSatisfy { $0.contains("before=") && !$0.contains("offset") })

        // Back from the last page with after=: the page before it, the same rows.
        let last = try #require(pages.last)
        let lastHTML = try await client.execute(uri: last, method: .get).text
        let newer = try #require(Self.link(lastHTML, rel: "prev"))
        #expect(newer.contains("after="))
        let back = Self.ids(try await client.execute(uri: newer, method: .get).text)
        let lastIDs = Self.ids(lastHTML)
        let firstOfLast = try #require(lastIDs.first)
        let index = try #require(expected.firstIndex(of: firstOfLast))
        #expect(back == Array(expected[max(0, index - 3)..<index]))
      }
    }
  }

  @Test("the JSON timeline carries the page links in a Link header")
  func jsonPageLinks() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(pageSize: 2) { client in
        let first = try await client.execute(
          uri: "/accounts/demo-shop", method: .get, headers: .json)
        let entries = try JSONDecoder().decode([HistoryEntry].self, from: Data(first.bytes))
        #expect(entries.count == 2)
        let linkName = try #require(HTTPField.Name("Link"))
        let link = try #require(first.headers[linkName])
        #expect(link == "</accounts/demo-shop?before=\(entries[1].id)>; rel=\"next\"")
      }
    }
  }

  @Test("every snapshot includes the unchanged re-fetches, greyed")
  func everySnapshot() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let all = try await client.execute(uri: "/accounts/demo-shop?all=1", method: .get).text
        let changes = try await client.execute(uri: "/accounts/demo-shop", method: .get).text
        let snapshots = try vault.store.snapshotCount(account: DemoVault.account)
        let changeCount = try vault.store.snapshotCount(
          account: DemoVault.account, changesOnly: true)
        #expect(Self.ids(all).count == snapshots)
        #expect(Self.ids(changes).count == changeCount)
        #expect(all.contains(#"<tr class="unchanged">"#))
        #expect(all.contains("live before publish 1 (deployed)"))
        #expect(all.contains("read back by rollback 3 (deployed)"))
        #expect(!changes.contains(#"<tr class="unchanged">"#))
      }
    }
  }

  @Test("an unknown account is a 404 that lists the accounts, as a page and as JSON")
  func unknownAccount() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let page = try await client.execute(uri: "/accounts/nobody", method: .get)
        #expect(page.status == .notFound)
        #expect(page.text.contains("no account is named &#39;nobody&#39;"))
        #expect(page.text.contains(#"<li><a href="/accounts/demo-shop">demo-shop</a></li>"#))
        #expect(page.text.contains(#"<li><a href="/accounts/imported">imported</a></li>"#))

        let json = try await client.execute(uri: "/accounts/nobody", method: .get, headers: .json)
        #expect(json.status == .notFound)
        let body = try #require(
          try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(body["accounts"] as? [String] == ["demo-shop", "imported"])
        #expect(body["status"] as? Int == 404)

        let nowhere = try await client.execute(uri: "/nowhere", method: .get)
        #expect(nowhere.status == .notFound)
        #expect(nowhere.text.contains("there is no page at /nowhere"))
        #expect(nowhere.text.contains(#"<li><a href="/accounts/demo-shop">demo-shop</a></li>"#))
      }
    }
  }

  @Test(
    "an unknown snapshot is a 404 that gives the id range",
    arguments: [
      "/snapshots/9999", "/snapshots/abc", "/snapshots/9999/raw", "/compare?from=1&to=9999",
    ])
  func unknownSnapshot(path: String) async throws {
    try await DemoVault.with { vault in
      let range = try #require(try vault.store.snapshotIDRange())
      try await vault.withApp { client in
        let page = try await client.execute(uri: path, method: .get)
        #expect(page.status == .notFound)
        #expect(page.text.contains("Snapshot ids in this vault run from"))
        #expect(page.text.contains("#\(range.lowerBound)</a> to"))
        #expect(page.text.contains("#\(range.upperBound)</a>."))
        let json = try await client.execute(uri: path, method: .get, headers: .json)
        let body = try #require(
          try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        let ids = try #require(body["snapshot_ids"] as? [String: Int])
        #expect(ids == ["first": Int(range.lowerBound), "last": Int(range.upperBound)])
      }
    }
  }

  @Test(
    "a query that cannot be read is a 400",
    arguments: [
      "/accounts/demo-shop?before=abc", "/accounts/demo-shop?before=1&after=2",
      "/accounts/demo-shop?all=maybe", "/accounts/demo-shop?before=99999", "/compare?from=1",
      "/compare?from=x&to=2", "/compare",
    ])
  func badQuery(path: String) async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let page = try await client.execute(uri: path, method: .get)
        #expect(page.status == .badRequest)
        #expect(page.text.contains("<h1>Bad request</h1>"))
      }
    }
  }

  @Test("a locked account says who holds the lock")
  func lockedAccount() async throws {
    try await DemoVault.with { vault in
      _ = try vault.store.beginOperation(
        account: DemoVault.account, kind: .publish, holder: "pid 4242 on build-7")
      try await vault.withApp(allowPublish: true) { client in
        let overview = try await client.execute(uri: "/", method: .get).text
        #expect(overview.contains(#"<span class="status status-locked">locked</span>"#))
        #expect(overview.contains("by pid 4242 on build-7 is still pending"))
        let timeline = try await client.execute(uri: "/accounts/demo-shop", method: .get).text
        #expect(timeline.contains("Locked: publish operation 4 started"))
        let confirm = try await client.execute(
          uri: "/snapshots/\(vault.goodID)/rollback", method: .get, headers: .ownPage)
        #expect(confirm.status.code == 423)
        #expect(confirm.text.contains("Held by pid 4242 on build-7 since"))
      }
    }
  }
}
