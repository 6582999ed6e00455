import MenuVaultWeb
import Testing

@Suite("serve's options")
struct WebServerOptionsTests {
  @Test("loopback, a free port and no write routes by default")
  func defaults() {
    let options = WebServerOptions()
    #expect(options.host == "127.0.0.1")
    #expect(options.port == 0)
    #expect(!options.allowPublish)
  }
}
