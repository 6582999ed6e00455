import MenuVaultWeb
import Testing

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
}
