import FlyingSocks
import Foundation
import MenuVaultCore
import MenuVaultJSON

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
  private let server: SandboxHTTPServer

  private init(
    configuration: SandboxConfiguration, port: UInt16, baseURL: URL, state: SandboxState,
    server: SandboxHTTPServer
  ) {
    self.configuration = configuration
    self.host = configuration.host
    self.port = port
    self.baseURL = baseURL
    self.state = state
    self.server = server
  }

  /// Binds `configuration.host` and `configuration.port`, starts serving, and returns once the
  /// server is listening.
  /// - Throws: ``SandboxError/invalidHost(_:)`` or ``SandboxError/cannotListen(host:port:reason:)``.
  public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration())
    async throws(SandboxError) -> SandboxServer
  {
    let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
    let state = SandboxState(configuration: configuration)
    let handler: SandboxHTTPServer.Handler = { request in await state.handle(request) }
    let server: SandboxHTTPServer
    do {
      if host.contains(":") {
        let address: sockaddr_in6
        do { address = try .inet6(ip6: host, port: configuration.port) } catch {
          throw SandboxError.invalidHost(configuration.host)
        }
        server = try await SandboxHTTPServer.start(address: address, handler: handler)
      } else {
        let address: sockaddr_in
        do { address = try .inet(ip4: host, port: configuration.port) } catch {
          throw SandboxError.invalidHost(configuration.host)
        }
        server = try await SandboxHTTPServer.start(address: address, handler: handler)
      }
    } catch let error as SandboxError {
      throw error
    } catch {
      throw .cannotListen(
        host: configuration.host, port: configuration.port, reason: "\(error)")
    }
    let port = server.port
    let urlHost = host.contains(":") ? "[\(host)]" : host
    guard let baseURL = URL(string: "http://\(urlHost):\(port)/") else {
      await server.stop()
      throw .invalidHost(configuration.host)
    }
    return SandboxServer(
      configuration: configuration, port: port, baseURL: baseURL, state: state, server: server)
  }

  /// Stops listening and closes every connection.
  public func stop() async {
    await server.stop()
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
