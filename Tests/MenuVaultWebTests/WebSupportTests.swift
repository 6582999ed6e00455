import Foundation
import HTTPTypes
import Hummingbird
import MenuVault
import Testing

@testable import MenuVaultWeb

/// The pieces under the pages: the Host allow-list, the CSRF token, form and Accept parsing,
/// and the vault's keyset pages.
@Suite("menuvault serve's building blocks")
struct WebSupportTests {
  @Test(
    "the Host values a server answers to are its host, localhost, 127.0.0.1 and [::1] on its port")
  func authorities() {
    let address = BoundAddress(host: "127.0.0.1", port: 0)
    #expect(address.authorities.isEmpty, "nothing is accepted before the port is known")
    #expect(!address.accepts(authority: "127.0.0.1:0"))
    address.bound(port: 8123)
    #expect(address.authorities == ["127.0.0.1:8123", "localhost:8123", "[::1]:8123"])
    #expect(address.accepts(authority: "LocalHost:8123"))
    #expect(!address.accepts(authority: "localhost"))
    #expect(!address.accepts(authority: "127.0.0.1:8124"))
    #expect(address.url == "http://127.0.0.1:8123/")

    let ipv6 = BoundAddress(host: "::1", port: 80)
    #expect(
      ipv6.authorities == [
        "[::1]:80", "localhost:80", "127.0.0.1:80", "[::1]", "localhost", "127.0.0.1",
      ])
    #expect(ipv6.url == "http://[::1]:80/")
  }

  @Test("a timeline row escapes every value it draws")
  func timelineRowEscapes() throws {
    let row = TimelineModel.Row(
      id: 7, takenAt: TimeView(iso: "2026-11-21T08:30:00.123Z"), source: "<script>x</script>",
      isChange: false, hash: "\"onmouseover=alert(1)", hashPrefix: "'a'", fidelity: "exact",
      inactive: ["<img src=x onerror=alert(1)>"], rollbackOf: 3,
      operations: [OperationLine(text: "sent by <b>", status: "\"x")],
      rowClass: "unchanged", fromChecked: true, toChecked: false)
    let html = try #require(try Templates.library().render(row, withTemplate: "timeline-row"))
    #expect(html.contains(#"<div class="operation operation-&quot;x">sent by &lt;b&gt;</div>"#))
    #expect(html.contains("&lt;script&gt;x&lt;/script&gt; <span class=\"hint\">unchanged</span>"))
    #expect(html.contains("<code title=\"&quot;onmouseover=alert(1)\">&#39;a&#39;</code>"))
    #expect(html.contains("<div class=\"detail\">&lt;img src=x onerror=alert(1)&gt;</div>"))
    #expect(html.contains("<a href=\"/snapshots/3\">#3</a>"))
    #expect(html.contains("value=\"7\" aria-label=\"compare from #7\" checked>"))
    #expect(!html.contains("<script>") && !html.contains("<img"))
  }

  @Test("same-origin proof: the Origin or the Referer names this server over http")
  func origins() {
    let address = BoundAddress(host: "127.0.0.1", port: 8123)
    #expect(address.accepts(origin: "http://127.0.0.1:8123"))
    #expect(address.accepts(origin: "http://localhost:8123"))
    #expect(!address.accepts(origin: "https://127.0.0.1:8123"))
    #expect(!address.accepts(origin: "http://127.0.0.1:8123.evil.example"))
    #expect(!address.accepts(origin: "null"))
    #expect(address.accepts(referer: "http://127.0.0.1:8123/snapshots/3/rollback"))
    #expect(address.accepts(referer: "http://localhost:8123?x=1"))
    #expect(!address.accepts(referer: "http://127.0.0.1:8123@evil.example/"))
    #expect(!address.accepts(referer: "http://evil.example/http://127.0.0.1:8123/"))
  }

  @Test("the CSRF token is 32 random bytes, new per process, compared whole")
  func csrfToken() {
    let token = CSRFToken()
    #expect(token.value.count == 64)
    #expect(token.value.allSatisfy { $0.isHexDigit })
    #expect(token.value != CSRFToken().value)
    #expect(token.matches(token.value))
    #expect(!token.matches(String(token.value.dropLast())))
    #expect(!token.matches(String(token.value.dropLast()) + "x"))
    #expect(!token.matches(nil))
    #expect(!token.matches(""))
  }

  @Test("the security checks read the Sec-Fetch-Site and Host fields by those names")
  func fieldNames() throws {
    #expect(HTTPField.Name.secFetchSite.canonicalName == "sec-fetch-site")
    #expect(HTTPField.Name.hostHeader.canonicalName == "host")
    let fields: HTTPFields = [.secFetchSite: "cross-site"]
    #expect(fields[try #require(HTTPField.Name("sec-fetch-site"))] == "cross-site")
  }

  @Test("a posted form is read as a browser encodes it")
  func rollbackForm() throws {
    #expect(
      try RollbackForm("csrf_token=ab12&live_hash=two+words%21&target_hash=&flag&other=1")
        == RollbackForm(csrfToken: "ab12", liveHash: "two words!", targetHash: ""))
    #expect(
      try RollbackForm("live_hash=%E4%BB%8A")
        == RollbackForm(csrfToken: nil, liveHash: "今", targetHash: nil))
    #expect(try RollbackForm("") == RollbackForm(csrfToken: nil, liveHash: nil, targetHash: nil))
    for text in ["csrf_token=a&csrf_token=b", "live_hash=%zz", "csrf_token[x]=a"] {
      #expect(throws: WebError.self, "\(text)") { try RollbackForm(text) }
    }
  }

  @Test(
    "JSON only when Accept ranks it above HTML",
    arguments: [
      ("application/json", true),
      ("application/json, text/html", true),
      ("text/html, application/json", false),
      ("text/html;q=0.5, application/json", true),
      ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false),
      ("application/json;q=0", false),
      ("*/*", false),
      ("", false),
    ])
  func negotiation(accept: String, json: Bool) {
    let request = Request(
      head: HTTPRequest(
        method: .get, scheme: "http", authority: "localhost", path: "/",
        headerFields: [.accept: accept]),
      body: RequestBody(buffer: ByteBuffer()))
    #expect(request.prefersJSON == json)
  }

  @Test("keyset pages read only changes when asked, newest first either way, from any cursor")
  func keysetHistory() throws {
    let store = try VaultStore.inMemory()
    func record(_ name: String, _ source: SnapshotSource, at time: Int64) throws -> Int64 {
      let document = try Normalizer.normalize(
        Array(#"{"button":[{"type":"click","name":"\#(name)","key":"K"}]}"#.utf8))
      return try store.record(
        NewSnapshot(
          accountName: "shop", platform: .wechat,
          takenAt: Timestamp(millisecondsSince1970: time), source: source,
          rawBytes: document.canonicalBytes, canonicalBytes: document.canonicalBytes,
          fidelity: .exact)
      ).id
    }
    var changes: [Int64] = []
    var all: [Int64] = []
    for round in 0..<5 {
      let change = try record("menu \(round)", .get, at: Int64(round * 100))
      changes.append(change)
      all.append(change)
      for repeat_ in 1...20 {
        all.append(try record("menu \(round)", .get, at: Int64(round * 100 + repeat_)))
      }
    }
    changes.reverse()
    all.reverse()
    #expect(
      try store.history(account: "shop", before: nil, limit: 2).map(\.id) == [
        changes[0], changes[1],
      ])
    #expect(
      try store.history(account: "shop", before: changes[1], limit: 2).map(\.id) == [
        changes[2], changes[3],
      ])
    #expect(
      try store.history(account: "shop", after: changes[3], limit: 2).map(\.id) == [
        changes[1], changes[2],
      ])
    #expect(try store.history(account: "shop", before: changes[4], limit: 2).isEmpty)
    // A cursor need not be a change itself: an unchanged snapshot places the page too.
    #expect(try store.history(account: "shop", before: all[3], limit: 1).map(\.id) == [changes[0]])
    #expect(
      try store.history(account: "shop", before: all[3], limit: 3, changesOnly: false).map(\.id)
        == Array(all[4..<7]))
    #expect(try store.history(account: "shop", before: nil, limit: 5, source: .selfmenu).isEmpty)
    #expect(throws: VaultStoreError.snapshotNotFound(id: 999)) {
      try store.history(account: "shop", before: 999, limit: 1)
    }
    #expect(try store.snapshotIDRange() == 1...105)
    // Another account's snapshot is no cursor for this one.
    let other = try store.record(
      NewSnapshot(
        accountName: "other", platform: .wechat, takenAt: Timestamp(millisecondsSince1970: 50),
        source: .get, rawBytes: Array("{}".utf8), canonicalBytes: Array("{}".utf8),
        fidelity: .exact)
    ).id
    #expect(throws: VaultStoreError.snapshotNotFound(id: other)) {
      try store.history(account: "shop", before: other, limit: 1)
    }
  }
}
