import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MenuVault
import MenuVaultWeb
import ServiceLifecycle
import Synchronization
import Testing

/// The server on a real socket: the port it reports, the Host check with that port, the log.
@Suite("menuvault serve on a socket")
struct WebServerRunTests {
  @Test("port 0 binds a free port, reported once listening; requests must name it")
  func reportsBoundPort() async throws {
    try await DemoVault.with { vault in
      let reported = AddressBox()
      let app = try WebServer.buildApplication(
        store: vault.store, options: try WebServerOptions(port: 0), logger: .silent,
        onListening: { address in await reported.set(address) })
      let group = ServiceGroup(
        configuration: .init(services: [app], gracefulShutdownSignals: [], logger: .silent))
      try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let address = await reported.wait()
        #expect(address.port > 0)
        #expect(address.url == "http://127.0.0.1:\(address.port)/")

        let transport = CurlTransport()
        func get(_ host: String?) async throws -> HTTPTransportResponse {
          var headers: [(name: String, value: String)] = []
          if let host { headers.append(("Host", host)) }
          return try await transport.send(
            HTTPTransportRequest(
              method: "GET", url: try #require(URL(string: address.url)), headers: headers,
              timeout: .seconds(10), endpoint: "/"))
        }
        #expect(try await get(nil).status == 200)
        #expect(try await get("localhost:\(address.port)").status == 200)
        #expect(try await get("evil.example:\(address.port)").status == 421)
        #expect(try await get("localhost").status == 421, "no port: port 80, not this server")
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
      }
    }
  }

  @Test("one log line per request with method, path, status and duration, and never the token")
  func logsOneLinePerRequest() async throws {
    try await DemoVault.with { vault in
      let lines = LogLines()
      let logger = Logger(label: "test", factory: { _ in lines.handler })
      let token = try await vault.withApp(allowPublish: true, logger: logger) { client in
        _ = try await client.execute(uri: "/", method: .get)
        _ = try await client.execute(uri: "/accounts/nobody?all=1", method: .get)
        let page = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .get, headers: .ownPage)
        let token = try #require(page.text.hiddenField("csrf_token"))
        _ = try await client.execute(
          uri: "/snapshots/\(vault.badID)/rollback", method: .post,
          headers: .form(origin: "http://evil.example"),
          body: ByteBuffer(string: "csrf_token=\(token)"))
        return token
      }
      let logged = lines.all
      #expect(logged.count == 4)
      #expect(logged[0].hasPrefix("GET / 200 "))
      #expect(logged[1].hasPrefix("GET /accounts/nobody 404 "))
      #expect(logged[2].hasPrefix("GET /snapshots/\(vault.badID)/rollback 200 "))
      #expect(logged[3].hasPrefix("POST /snapshots/\(vault.badID)/rollback 403 "))
      #expect(logged.allSatisfy { $0.hasSuffix(" ms") })
      #expect(!logged.joined().contains(token))
    }
  }
}

/// The address `onListening` reported, awaited by the test.
actor AddressBox {
  private var address: WebServerAddress?
  private var waiting: [CheckedContinuation<WebServerAddress, Never>] = []

  func set(_ address: WebServerAddress) {
    self.address = address
    for continuation in waiting { continuation.resume(returning: address) }
    waiting = []
  }

  func wait() async -> WebServerAddress {
    if let address { return address }
    return await withCheckedContinuation { waiting.append($0) }
  }
}

/// Collects the messages logged through its handler.
final class LogLines: Sendable {
  private let lines = Mutex<[String]>([])

  var all: [String] {
    lines.withLock { $0 }
  }

  var handler: Handler { Handler(lines: self) }

  fileprivate func append(_ line: String) {
    lines.withLock { $0.append(line) }
  }

  struct Handler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      lines.append(event.message.description)
    }
  }
}
