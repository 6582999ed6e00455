import FlyingFox
import FlyingSocks
import Foundation
import MenuVault

/// A local HTTP server that behaves like the WeChat and Weibo menu APIs: the same paths, query
/// parameters, JSON shapes, error codes and messages, with per-app state, and control endpoints
/// under `/sandbox/` to seed website-set menus, inject faults and read the call log.
///
/// ```swift
/// let server = try await SandboxServer.start(SandboxConfiguration())
/// let client = WeChatClient(
///   tokenSource: .appCredentials(appID: "wxsandbox", secret: "sandbox-secret"),
///   baseURL: server.baseURL)
/// ...
/// await server.stop()
/// ```
public final class SandboxServer: Sendable {
  /// The configuration it was started with.
  public let configuration: SandboxConfiguration
  /// The address it listens on, as given.
  public let host: String
  /// The port it listens on (the one picked when 0 was asked for).
  public let port: UInt16
  /// `http://HOST:PORT/`, the base URL to give the clients.
  public let baseURL: URL

  let state: SandboxState
  private let server: HTTPServer
  private let runTask: Task<Void, any Error>

  private init(
    configuration: SandboxConfiguration, port: UInt16, baseURL: URL, state: SandboxState,
    server: HTTPServer, runTask: Task<Void, any Error>
  ) {
    self.configuration = configuration
    self.host = configuration.host
    self.port = port
    self.baseURL = baseURL
    self.state = state
    self.server = server
    self.runTask = runTask
  }

  /// Binds `configuration.host` and `configuration.port`, starts serving, and returns once the
  /// server is listening.
  /// - Throws: ``SandboxError/invalidHost(_:)`` or ``SandboxError/cannotListen(host:port:reason:)``.
  public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration())
    async throws(SandboxError) -> SandboxServer
  {
    let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
    let state = SandboxState(configuration: configuration)
    let handler = SandboxHTTPHandler(state: state)
    let server: HTTPServer
    do {
      if host.contains(":") {
        let address = try sockaddr_in6.inet6(ip6: host, port: configuration.port)
        server = HTTPServer(address: address, timeout: 600, logger: .disabled, handler: handler)
      } else {
        let address = try sockaddr_in.inet(ip4: host, port: configuration.port)
        server = HTTPServer(address: address, timeout: 600, logger: .disabled, handler: handler)
      }
    } catch {
      throw .invalidHost(configuration.host)
    }
    let failure = StartFailure()
    let runTask = Task {
      do {
        try await server.run()
      } catch {
        failure.set(error)
        throw error
      }
    }
    // Wait until it listens, or until binding failed.
    let deadline = ContinuousClock.now + .seconds(10)
    while await !server.isListening {
      if let error = failure.get() {
        throw .cannotListen(
          host: configuration.host, port: configuration.port, reason: error.localizedDescription)
      }
      guard ContinuousClock.now < deadline else {
        runTask.cancel()
        throw .cannotListen(
          host: configuration.host, port: configuration.port, reason: "not listening after 10 s")
      }
      try? await Task.sleep(for: .milliseconds(5))
    }
    var port = configuration.port
    switch await server.listeningAddress {
    case .ip4(_, let actual)?: port = actual
    case .ip6(_, let actual)?: port = actual
    default: break
    }
    let urlHost = host.contains(":") ? "[\(host)]" : host
    guard let baseURL = URL(string: "http://\(urlHost):\(port)/") else {
      runTask.cancel()
      throw .invalidHost(configuration.host)
    }
    return SandboxServer(
      configuration: configuration, port: port, baseURL: baseURL, state: state, server: server,
      runTask: runTask)
  }

  /// Stops listening and closes every connection.
  public func stop() async {
    await server.stop(timeout: 0)
    runTask.cancel()
  }

  /// The API calls answered since start or the last reset (all, or those to `path`).
  public func calls(path: String? = nil) async -> [SandboxCall] {
    await state.loggedCalls(path: path)
  }

  /// Plays `fault` on the next `fault.count` calls to `path` (e.g. `/cgi-bin/menu/get`).
  public func inject(_ fault: SandboxFault, on path: String) async {
    await state.inject(fault, on: path)
  }

  /// Expires every issued WeChat token (of `appID` only, when given); returns how many were valid.
  @discardableResult
  public func expireTokens(appID: String? = nil) async -> Int {
    await state.expireTokens(appID: appID)
  }

  /// Makes `document` (a get_current_selfmenu_info answer) the menu set on the website for
  /// `appID` (the first configured app when `nil`).
  public func seedWebsiteMenu(_ document: [UInt8], appID: String? = nil) async throws(SandboxError)
  {
    let json: MenuVault.JSONValue
    do {
      json = try JSONParser.parse(document)
    } catch {
      throw .invalidControlRequest(
        path: "/sandbox/website-menu", reason: "the document is not JSON: \(error.description)")
    }
    let state = self.state
    let target = appID ?? configuration.apps.first?.appID ?? SandboxConfiguration.App.standard.appID
    try await state.seedWebsiteMenu(json, appID: target)
  }

  /// Registers a follower `userID` for `trymatch`, with the attributes match rules test.
  public func addUser(_ userID: String, attributes: MatchRule = MatchRule(), appID: String? = nil)
    async throws(SandboxError)
  {
    let target = appID ?? configuration.apps.first?.appID ?? SandboxConfiguration.App.standard.appID
    try await state.addUser(userID, attributes: attributes, appID: target)
  }

  /// Forgets every menu, token, fault, user and logged call.
  public func reset() async {
    await state.reset()
  }
}

/// Holds the error of a server that failed to start.
private final class StartFailure: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?

  func set(_ newValue: any Error) {
    lock.lock()
    error = newValue
    lock.unlock()
  }

  func get() -> (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return error
  }
}

/// Turns FlyingFox requests into ``SandboxRequest``s and replies into responses.
struct SandboxHTTPHandler: HTTPHandler {
  let state: SandboxState

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    let body = [UInt8](try await request.bodyData)
    let inbound = SandboxRequest(
      method: request.method.rawValue, path: request.path,
      rawQuery: request.target.query(percentEncoded: true), body: body)
    let reply = await state.handle(inbound)
    if reply.delay > .zero {
      try? await Task.sleep(for: reply.delay)
    }
    let status = HTTPStatusCode(reply.status, phrase: Self.phrase(reply.status))
    let headers: HTTPHeaders = [.contentType: reply.contentType]
    switch reply.delivery {
    case .complete:
      return HTTPResponse(statusCode: status, headers: headers, body: Data(reply.body))
    case .dropped:
      // The headers promise the body; the body sequence fails at once, and FlyingFox closes
      // the connection.
      return HTTPResponse(
        statusCode: status, headers: headers,
        body: HTTPBodySequence(from: DroppedBody(), count: max(1, reply.body.count)))
    }
  }

  private static func phrase(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 400: return "Bad Request"
    case 404: return "Not Found"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    default: return "Status \(status)"
    }
  }
}

/// A body that fails as soon as it is read: a dropped connection.
struct DroppedBody: AsyncBufferedSequence {
  typealias Element = UInt8

  struct DroppedConnection: Error {}

  struct AsyncIterator: AsyncBufferedIteratorProtocol {
    mutating func next() async throws -> UInt8? { throw DroppedConnection() }

    mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
      throw DroppedConnection()
    }
  }

  func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}
