import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuVault
import MenuVaultWeb
import Testing

/// What keeps a page that can publish safe: the Host check (DNS rebinding), the CSRF token and
/// same-origin proof on every POST, escaping, the headers, and no write route without the flag.
@Suite("menuvault serve's safety")
struct WebSafetyTests {
  static let policy =
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  @Test(
    "every response carries the Content-Security-Policy, nosniff and the referrer policy",
    arguments: [
      "/", "/accounts/demo-shop", "/snapshots/1", "/snapshots/1/raw", "/compare?from=1&to=2",
      "/assets/menuvault.css", "/accounts/nobody", "/nowhere", "/compare?from=x",
    ])
  func securityHeaders(path: String) async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.headers[.contentSecurityPolicy] == Self.policy)
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
        #expect(response.headers[try #require(HTTPField.Name("Referrer-Policy"))] == "same-origin")
      }
    }
  }

  @Test(
    "a request whose Host is not the server's is refused (DNS rebinding)",
    arguments: [
      "evil.example", "evil.example:80", "127.0.0.1:8080", "localhost.evil.example:80",
    ])
  func refusedHost(host: String) async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let response = try await client.execute(uri: "/", method: .get, headers: .host(host))
        #expect(response.status == .misdirectedRequest)
        #expect(response.text.hasPrefix("this server answers only to"))
        #expect(!response.text.contains("demo-shop"), "no vault data in the refusal")
        #expect(!response.text.contains(vault.path), "nor the vault's path")
        #expect(!response.text.contains("<"), "no page around it")
      }
    }
  }

  @Test(
    "the names the server was started for are accepted",
    arguments: [
      "127.0.0.1:80", "localhost:80", "[::1]:80", "LOCALHOST", "127.0.0.1",
    ])
  func acceptedHost(host: String) async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let response = try await client.execute(uri: "/", method: .get, headers: .host(host))
        #expect(response.status == .ok)
      }
    }
  }

  @Test("a button named like markup is shown as text on every page that draws it")
  func escapesMenuStrings() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        for path in [
          "/snapshots/\(vault.hostileID)", "/compare?from=\(vault.goodID)&to=\(vault.hostileID)",
        ] {
          let html = try await client.execute(uri: path, method: .get).text
          #expect(!html.contains("<img src=x"), "\(path) holds the raw markup")
          #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(path)")
          #expect(!html.contains(#"<b>"#))
        }
      }
    }
  }

  @Test("without --allow-publish the rollback routes do not exist")
  func noWriteRoutesByDefault() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let confirm = try await client.execute(
          uri: "/snapshots/\(vault.goodID)/rollback", method: .get)
        #expect(confirm.status == .notFound)
        let post = try await client.execute(
          uri: "/snapshots/\(vault.goodID)/rollback", method: .post, headers: .form(),
          body: ByteBuffer(string: "csrf_token=x&live_hash=y&target_hash=z"))
        #expect(post.status == .notFound)
        #expect(try vault.store.operations(account: DemoVault.account).count == 3)
      }
    }
  }

  @Test("a POST without the CSRF token is refused and changes nothing")
  func postWithoutToken() async throws {
    try await DemoVault.with { vault in
      let before = try vault.store.snapshotCount(account: DemoVault.account)
      try await vault.withApp(allowPublish: true) { client in
        for body in ["live_hash=a&target_hash=b", "csrf_token=0000&live_hash=a&target_hash=b"] {
          let response = try await client.execute(
            uri: "/snapshots/\(vault.goodID)/rollback", method: .post, headers: .form(),
            body: ByteBuffer(string: body))
          #expect(response.status == .forbidden)
          #expect(response.text.contains("token"))
        }
      }
      #expect(try vault.store.snapshotCount(account: DemoVault.account) == before)
      #expect(try vault.store.operations(account: DemoVault.account).count == 3)
    }
  }

  @Test("a form that gives a field twice is refused as unreadable and changes nothing")
  func postWithRepeatedField() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(allowPublish: true) { client in
        let page = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get, headers: .ownPage)
        let body = try WebRollbackTests.form(page.text) + "&live_hash=0"
        let response = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .post, headers: .form(),
          body: ByteBuffer(string: body))
        #expect(response.status == .badRequest)
        #expect(response.text.contains("live_hash"))
      }
      #expect(try vault.store.operations(account: DemoVault.account).count == 3)
    }
  }

  @Test("a POST from another site is refused even with the right token")
  func postFromAnotherSite() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(allowPublish: true) { client in
        // The form exactly as the confirmation page fills it: only the origin check stops it.
        let page = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get, headers: .ownPage)
        let body = try WebRollbackTests.form(page.text)
        var crossSite = HTTPFields.form(origin: "http://evil.example")
        let refusedOrigin = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .post, headers: crossSite,
          body: ByteBuffer(string: body))
        #expect(refusedOrigin.status == .forbidden)
        #expect(refusedOrigin.text.contains("Origin"))

        crossSite[.origin] = nil
        let noOrigin = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .post, headers: crossSite,
          body: ByteBuffer(string: body))
        #expect(noOrigin.status == .forbidden)

        crossSite[.referer] = "http://evil.example/snapshots/1/rollback"
        let badReferer = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .post, headers: crossSite,
          body: ByteBuffer(string: body))
        #expect(badReferer.status == .forbidden)
      }
      let operations = try vault.store.operations(account: DemoVault.account)
      #expect(operations.count == 3, "nothing was rolled back")
    }
  }

  @Test("the confirmation page, which pulls the live menu, refuses a request from another site")
  func confirmationFromAnotherSite() async throws {
    try await DemoVault.with { vault in
      let before = try vault.store.snapshotCount(account: DemoVault.account)
      try await vault.withApp(allowPublish: true) { client in
        let name = try #require(HTTPField.Name("Sec-Fetch-Site"))
        for site in ["cross-site", "same-site"] {
          let response = try await client.execute(
            uri: "/snapshots/\(vault.badID)/rollback", method: .get, headers: [name: site])
          #expect(response.status == .forbidden)
        }
        let typed = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get, headers: [name: "none"])
        #expect(typed.status == .ok)
        // A browser that does not say where a request came from: another site's image or link
        // (no Referer, or a foreign one) is refused; this server's own page is not.
        let silent = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get)
        #expect(silent.status == .forbidden)
        let foreign = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get,
          headers: [.referer: "http://evil.example/"])
        #expect(foreign.status == .forbidden)
      }
      #expect(try vault.store.snapshotCount(account: DemoVault.account) == before + 2)
    }
  }
}

extension String {
  /// The value of the hidden input named `name`.
  func hiddenField(_ name: String) -> String? {
    let marker = #"name="\#(name)" value=""#
    guard let start = range(of: marker)?.upperBound,
      let end = self[start...].firstIndex(of: "\"")
    else { return nil }
    return String(self[start..<end])
  }
}
