import Foundation
import Hummingbird
import Logging
import MenuVault
import MenuVaultWatch
import ServiceLifecycle

/// Where a running ``WebServer`` listens.
public struct WebServerAddress: Sendable, Equatable {
  /// The host it was started for (`127.0.0.1` by default).
  public var host: String
  /// The port it is bound to (the one the system picked when 0 was asked for).
  public var port: Int

  /// Creates an address.
  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// `http://HOST:PORT/`, an IPv6 host in brackets.
  public var url: String {
    "http://\(HostAddress.inURL(host)):\(port)/"
  }
}

/// The history browser behind `menuvault serve`: server-rendered pages over a vault, on
/// Hummingbird. Every page also answers `Accept: application/json` with what the command line's
/// `--json` prints.
///
/// Pages: `/` (the accounts and their live status, from the vault alone), `/accounts/{name}`
/// (the timeline, keyset pages of `?before=ID` / `?after=ID`, `?all=1` for every snapshot),
/// `/snapshots/{id}` (the menu drawn as the phone shows it), `/snapshots/{id}/raw` and
/// `/snapshots/{id}/canonical` (the stored bytes), `/compare?from=A&to=B`. With
/// ``WebServerOptions/allowPublish`` only, `GET` and `POST` `/snapshots/{id}/rollback`.
///
/// Every page carries a strong `ETag` and answers `If-None-Match` with 304; a page drawn once is
/// kept until anything is committed to the vault (by this process or another one). A snapshot's
/// raw and canonical bytes are tagged with their hash and may be kept for good.
///
/// Every response carries a strict Content-Security-Policy; a request whose `Host` does not name
/// the server is refused (421), and a POST needs this process's CSRF token and a same-origin
/// `Origin` or `Referer` (403).
public enum WebServer {
  /// Builds the application: the router, its middleware and the pages, over `store`. Tests call
  /// it too, with HummingbirdTesting (`app.test(.router) { client in ... }`).
  ///
  /// - Parameters:
  ///   - store: The vault; the pages only read it. With `allowPublish`, the rollback routes
  ///     open the same file again for writing for the length of one request.
  ///   - options: The host and port to bind, whether the rollback routes exist, the page size.
  ///   - credentials: Where the accounts' credentials are found, for the rollback routes (the
  ///     command line passes its environment). They never reach a page or the log.
  ///   - logger: Receives one `info` line per request: method, path, status, duration (by
  ///     default on standard error).
  ///   - onListening: Called once the socket is bound, with the real port.
  ///   - metrics: What `/metrics` reports (a watcher beside the server reports into the same).
  ///   - health: The watcher's health, which `/healthz` adds to the vault's; `nil` without one.
  /// - Throws: when a page template does not parse (a defect the tests catch), or a
  ///   `DatabaseError` when the vault's file cannot be opened a second time (the connection that
  ///   tells the page cache whether the vault has changed).
  public static func buildApplication(
    store: VaultStore, options: WebServerOptions,
    credentials: CredentialVariables = CredentialVariables([:]),
    metrics: WatchMetrics = WatchMetrics(), health: WatchHealth? = nil,
    logger: Logger = Logger(
      label: "menuvault.serve", factory: { StreamLogHandler.standardError(label: $0) }),
    onListening: @escaping @Sendable (WebServerAddress) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    let address = BoundAddress(
      host: options.host, port: options.port, publicOrigin: options.publicOrigin)
    let vault = try VaultReader(store: store)
    let pages = try Pages(vault: store.path ?? ":memory:", allowPublish: options.allowPublish)
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Outermost first: the log sees the final status, every response gets the headers, and
    // the guard runs before any route.
    router.add(middleware: RequestLog<BasicRequestContext>(logger: logger))
    router.add(middleware: SecurityHeaders<BasicRequestContext>())
    router.add(middleware: ErrorPages<BasicRequestContext>(pages: pages, vault: vault))
    router.add(middleware: RequestGuard<BasicRequestContext>(address: address))
    ReadRoutes(vault: vault, pages: pages, options: options, cache: PageCache())
      .register(on: router)
    MonitoringRoutes(vault: vault, metrics: metrics, health: health, now: { Date() })
      .register(on: router)
    if options.allowPublish {
      RollbackRoutes(
        vault: vault, pages: pages, credentials: credentials, token: CSRFToken(),
        guardian: RequestGuard(address: address)
      )
      .register(on: router)
    }
    // Hummingbird's own lines (start, stop) only when something is wrong.
    var serverLogger = logger
    serverLogger.logLevel = .warning
    return Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(options.host, port: options.port), serverName: nil),
      onServerRunning: { channel in
        guard let port = channel.localAddress?.port else { return }
        address.bound(port: port)
        await onListening(WebServerAddress(host: options.host, port: port))
      },
      logger: serverLogger)
  }

  /// Builds the application and serves until SIGINT or SIGTERM, then shuts down gracefully
  /// (in-flight requests finish) and returns. Prints nothing: `onListening` learns the address
  /// once the socket is bound, and requests are logged through `logger`.
  ///
  /// - Parameter services: Services to run beside the server in the same group (a
  ///   ``MenuVaultWatch/Watcher``), stopped with it.
  /// - Throws: when the address cannot be bound, or a page template does not parse.
  public static func run(
    store: VaultStore, options: WebServerOptions,
    credentials: CredentialVariables = CredentialVariables([:]),
    metrics: WatchMetrics = WatchMetrics(), health: WatchHealth? = nil,
    services: [any Service] = [],
    logger: Logger = Logger(
      label: "menuvault.serve", factory: { StreamLogHandler.standardError(label: $0) }),
    onListening: @escaping @Sendable (WebServerAddress) async -> Void
  ) async throws {
    let application = try buildApplication(
      store: store, options: options, credentials: credentials, metrics: metrics,
      health: health, logger: logger, onListening: onListening)
    var quiet = logger
    quiet.logLevel = .warning
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: ([application] + services).map {
          ServiceGroupConfiguration.ServiceConfiguration(service: $0)
        },
        gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet))
    try await group.run()
  }
}
