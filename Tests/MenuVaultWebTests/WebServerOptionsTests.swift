import Testing

@testable import MenuVaultWeb

@Suite("serve's options")
struct WebServerOptionsTests {
  @Test("loopback, a free port and no write routes by default")
  func defaults() throws {
    let options = try WebServerOptions()
    #expect(options.host == "127.0.0.1")
    #expect(options.port == 0)
    #expect(!options.allowPublish)
  }

  @Test(
    "publishing on an address other machines reach is refused by the options themselves",
    arguments: ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "::2"])
  func publishingOffLoopback(host: String) throws {
    #expect(throws: WebServerOptionsError.publishingOffLoopback(host: host)) {
      try WebServerOptions(host: host, allowPublish: true)
    }
    #expect(try WebServerOptions(host: host).host == host, "reading pages is fine anywhere")
  }

  @Test(
    "publishing on loopback addresses", arguments: ["127.0.0.1", "127.1.2.3", "::1", "localhost"])
  func publishingOnLoopback(host: String) throws {
    #expect(try WebServerOptions(host: host, allowPublish: true).allowPublish)
  }

  @Test("a host that is no address and a port out of range are refused")
  func badAddresses() {
    #expect(throws: WebServerOptionsError.notAnAddress(host: "example.com")) {
      try WebServerOptions(host: "example.com")
    }
    #expect(throws: WebServerOptionsError.notAPort(65536)) { try WebServerOptions(port: 65536) }
  }

  @Test(
    "a public URL must be an http(s) origin",
    arguments: [
      "menus.example.com", "ftp://menus.example.com", "https://", "https://a.example/sub",
      "https://a.example/?x=1", "https://user@a.example",
    ])
  func badPublicURLs(text: String) {
    #expect(throws: WebServerOptionsError.notAPublicURL(text)) {
      try WebServerOptions(publicURL: text)
    }
  }

  @Test("behind a proxy, the public host is accepted in Host and its origin in Origin")
  func publicURLAccepted() throws {
    let options = try WebServerOptions(port: 8123, publicURL: "https://Menus.Example.com/")
    #expect(options.publicURL?.host == "Menus.Example.com")
    let address = BoundAddress(host: "127.0.0.1", port: 8123, publicOrigin: options.publicOrigin)
    #expect(address.accepts(authority: "menus.example.com"))
    #expect(address.accepts(authority: "127.0.0.1:8123"))
    #expect(!address.accepts(authority: "evil.example"))
    #expect(address.accepts(origin: "https://menus.example.com"))
    #expect(!address.accepts(origin: "http://menus.example.com"))
    #expect(address.accepts(referer: "https://menus.example.com/snapshots/3/rollback"))
    #expect(!address.accepts(referer: "https://menus.example.com.evil.example/"))
  }
}
