import Foundation
import Hummingbird
import Logging
import MenuVaultCore
import MenuVaultJSON
import MenuVaultPlatform
import ServiceLifecycle
import UnixSignals

/// A local HTTP server that behaves like the WeChat and Weibo menu APIs: the same paths, query
/// parameters, JSON shapes, error codes and messages, with per-app state, and control endpoints
/// under `/sandbox/` to seed website-set menus, inject faults and read the call log.
///
/// It runs on Hummingbird, the HTTP stack of `menuvault serve` too (``SandboxResponder``), as a
/// swift-service-lifecycle service: ``start(_:)`` runs it in a task until ``stop()``, for tests;
/// ``run(_:onListening:)`` until SIGINT or SIGTERM, for a terminal.
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
  /// Runs the sandbox's service group until cancelled.
  private let serving: Task<Void, Never>

  private init(
    configuration: SandboxConfiguration, port: UInt16, baseURL: URL, state: SandboxState,
    serving: Task<Void, Never>
  ) {
    self.configuration = configuration
    self.host = configuration.host
    self.port = port
    self.baseURL = baseURL
    self.state = state
    self.serving = serving
  }

  /// Binds `configuration.host` and `configuration.port`, starts serving, and returns once the
  /// server is listening; ``stop()`` ends it. For a sandbox inside tests or an app: it reacts to
  /// no signal (``run(_:onListening:)`` serves until one).
  /// - Throws: ``SandboxError/invalidHost(_:)`` or ``SandboxError/cannotListen(host:port:reason:)``.
  public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration())
    async throws(SandboxError) -> SandboxServer
  {
    let host = try listeningHost(configuration)
    let state = SandboxState(configuration: configuration)
    // The first element says whether it listens (and on which port) or why it cannot.
    let (outcomes, outcome) = AsyncStream.makeStream(of: Result<UInt16, any Error>.self)
    let services = serviceGroup(
      state: state, host: host, port: configuration.port, gracefulShutdownSignals: [],
      onListening: { port in outcome.yield(.success(port)) })
    let serving = Task {
      do {
        try await services.run()
      } catch {
        outcome.yield(.failure(error))
      }
      outcome.finish()
    }
    var waiting = outcomes.makeAsyncIterator()
    let port: UInt16
    switch await waiting.next() {
    case .success(let listening)?:
      port = listening
    case .failure(let error)?:
      throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
    case nil:
      serving.cancel()
      await serving.value
      throw .cannotListen(
        host: configuration.host, port: configuration.port,
        reason: "the server stopped before it listened")
    }
    guard let baseURL = baseURL(host: host, port: port) else {
      serving.cancel()
      await serving.value
      throw .invalidHost(configuration.host)
    }
    return SandboxServer(
      configuration: configuration, port: port, baseURL: baseURL, state: state, serving: serving)
  }

  /// Serves `configuration` until SIGINT or SIGTERM, then shuts down gracefully (answers under
  /// way get a second to finish) and returns, as `menuvault sandbox` does. Prints nothing:
  /// `onListening` learns the base URL (`http://HOST:PORT/`) once the socket is bound.
  /// - Throws: ``SandboxError/invalidHost(_:)`` or ``SandboxError/cannotListen(host:port:reason:)``.
  public static func run(
    _ configuration: SandboxConfiguration = SandboxConfiguration(),
    onListening: @escaping @Sendable (URL) async -> Void
  ) async throws(SandboxError) {
    let host = try listeningHost(configuration)
    guard baseURL(host: host, port: configuration.port) != nil else {
      throw .invalidHost(configuration.host)
    }
    let services = serviceGroup(
      state: SandboxState(configuration: configuration), host: host, port: configuration.port,
      gracefulShutdownSignals: [.sigterm, .sigint],
      onListening: { port in
        if let url = baseURL(host: host, port: port) { await onListening(url) }
      })
    do {
      try await services.run()
    } catch {
      throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
    }
  }

  /// The host to bind for `configuration`: its host, `localhost` as `127.0.0.1`.
  private static func listeningHost(_ configuration: SandboxConfiguration)
    throws(SandboxError) -> String
  {
    let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
    guard HostAddress.isIPAddress(host) else { throw .invalidHost(configuration.host) }
    return host
  }

  /// `http://HOST:PORT/`, an IPv6 host in brackets.
  private static func baseURL(host: String, port: UInt16) -> URL? {
    URL(string: "http://\(HostAddress.inURL(host)):\(port)/")
  }

  /// The sandbox as a swift-service-lifecycle service group: the Hummingbird application that
  /// serves `state`, shut down gracefully on `gracefulShutdownSignals` and cut off when the
  /// group's task is cancelled. An answer still under way a second after a signal (an injected
  /// delay) is cut off too.
  static func serviceGroup(
    state: SandboxState, host: String, port: UInt16, gracefulShutdownSignals: [UnixSignal],
    onListening: @escaping @Sendable (UInt16) async -> Void
  ) -> ServiceGroup {
    let logger = Logger(label: "MenuSandbox", factory: { _ in SwiftLogNoOpLogHandler() })
    var configuration = ServiceGroupConfiguration(
      services: [
        application(state: state, host: host, port: port, logger: logger, onListening: onListening)
      ],
      gracefulShutdownSignals: gracefulShutdownSignals, logger: logger)
    configuration.maximumGracefulShutdownDuration = .seconds(1)
    return ServiceGroup(configuration: configuration)
  }

  /// The Hummingbird application that serves `state` on `host` and `port`, and calls
  /// `onListening` with the port it listens on once it does (the one picked when `port` is 0).
  static func application(
    state: SandboxState, host: String, port: UInt16, logger: Logger,
    onListening: @escaping @Sendable (UInt16) async -> Void
  ) -> some ApplicationProtocol {
    Application(
      responder: SandboxResponder(state: state),
      configuration: ApplicationConfiguration(address: .hostname(host, port: Int(port))),
      onServerRunning: { channel in
        await onListening(channel.localAddress?.port.flatMap { UInt16(exactly: $0) } ?? port)
      },
      // The sandbox reports through `SandboxConfiguration.log`. Hummingbird's own lines
      // ("Server started and listening on ...") would go to swift-log's default handler,
      // stdout, ahead of the `listening on` line `menuvault sandbox` prints first.
      logger: logger)
  }

  /// Stops listening, closes every connection (an answer under way, an injected delay
  /// included, is cut off), and returns once they are closed.
  public func stop() async {
    serving.cancel()
    await serving.value
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
    let json: MenuVaultJSON.JSONValue
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
