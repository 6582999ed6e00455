import Foundation
import MenuVaultCore
import MenuVaultJSON

/// A client for Weibo's fan-service menu API (`2/messages/menu/`,
/// <https://open.weibo.com/wiki/2/messages/menu/create>).
///
/// POSTs send `access_token` (and `menus`, the menu JSON) as form fields; GETs send it in the
/// query. Success is `{"result": true}`; failures are `{"request", "error_code", "error"}`.
/// Weibo has no app-secret exchange: the token is given, or printed by a command (which is run
/// again once when Weibo refuses the token).
package struct WeiboClient: Sendable {
  /// `https://m.api.weibo.com/`.
  package static let defaultBaseURL = URL(constant: "https://m.api.weibo.com/")

  /// The base URL the endpoints are resolved against.
  package let baseURL: URL
  /// Where the access token comes from.
  package let tokenSource: TokenSource
  /// Timeouts, retries, the HTTP transport, logging, redaction.
  package let options: ClientOptions

  private let caller: PlatformCaller
  private let tokens: AccessTokenProvider

  /// Creates a client.
  /// - Parameters:
  ///   - tokenSource: a given token or a token command (app credentials fail on first use).
  ///   - baseURL: the API's base URL; a sandbox's for rehearsals and tests.
  ///   - options: timeouts, retries, the HTTP transport, logging and the redactor.
  package init(
    tokenSource: TokenSource, baseURL: URL = WeiboClient.defaultBaseURL,
    options: ClientOptions = ClientOptions()
  ) {
    self.baseURL = baseURL
    self.tokenSource = tokenSource
    self.options = options
    self.caller = PlatformCaller(baseURL: baseURL, options: options, dialect: WeiboDialect())
    self.tokens = AccessTokenProvider(source: tokenSource, caller: caller)
  }

  /// The redactor that knows this client's tokens.
  package var redactor: Redactor { options.redactor }

  /// `POST 2/messages/menu/create.json`: replaces the menu with `menu`'s buttons (normalized),
  /// sent as the URL-encoded `menus` form field.
  package func createMenu(_ menu: Menu) async throws(PlatformError) -> PlatformResponse<Void> {
    let menus = JSONValue.object([
      JSONMember("button", .array(menu.buttons.map { $0.normalized().document }))
    ])
    let text = String(decoding: WireFormat.json(menus), as: UTF8.self)
    return try await call(post: "2/messages/menu/create.json", fields: [("menus", text)]) {
      json, endpoint throws(PlatformError) in try Self.requireResult(json, endpoint: endpoint)
    }
  }

  /// `GET 2/messages/menu/show.json`: the current menu, normalized (no buttons when there is
  /// none).
  package func showMenu() async throws(PlatformError) -> PlatformResponse<NormalizedMenu> {
    let request = PlatformRequest.get("2/messages/menu/show.json")
    return try await call(request, authorize: { token in ([("access_token", token)], nil) }) {
      json, endpoint throws(PlatformError) in try Self.normalize(json, endpoint: endpoint)
    }
  }

  /// `POST 2/messages/menu/delete.json`: removes the menu.
  package func deleteMenu() async throws(PlatformError) -> PlatformResponse<Void> {
    try await call(post: "2/messages/menu/delete.json", fields: []) {
      json, endpoint throws(PlatformError) in try Self.requireResult(json, endpoint: endpoint)
    }
  }

  // MARK: - Calls

  private func call<Value: Sendable>(
    post endpoint: String, fields: [(String, String)],
    decode: (JSONValue, String) throws(PlatformError) -> Value
  ) async throws(PlatformError) -> PlatformResponse<Value> {
    let request = PlatformRequest(
      method: "POST", endpoint: endpoint, contentType: "application/x-www-form-urlencoded")
    return try await call(
      request,
      authorize: { token in
        ([], Array(WireFormat.form([("access_token", token)] + fields).utf8))
      }, decode: decode)
  }

  private func call<Value: Sendable>(
    _ request: PlatformRequest,
    authorize: (String) -> (query: [(String, String)], body: [UInt8]?),
    decode: (JSONValue, String) throws(PlatformError) -> Value
  ) async throws(PlatformError) -> PlatformResponse<Value> {
    if case .appCredentials = tokenSource {
      throw PlatformError.unsupportedTokenSource(
        platform: .weibo,
        reason: "Weibo has no app-secret exchange: give the access token from the fan-service "
          + "development-mode page, or a command that prints it")
    }
    let (outcome, attempts) = try await caller.sendAuthorized(
      request, tokens: tokens, accepting: { _ in false }, authorize: authorize)
    guard let json = outcome.json, case .object = json else {
      throw PlatformError.invalidResponse(
        endpoint: request.endpoint, byteCount: outcome.exchange.body.count,
        reason: "expected a JSON object"
      ).scrubbed(by: redactor)
    }
    do {
      return PlatformResponse(
        endpoint: request.endpoint, value: try decode(json, request.endpoint),
        bytes: outcome.exchange.body, status: outcome.exchange.status,
        request: outcome.request, attempts: attempts)
    } catch {
      throw error.scrubbed(by: redactor)
    }
  }

  private static func normalize(_ json: JSONValue, endpoint: String) throws(PlatformError)
    -> NormalizedMenu
  {
    do {
      return try Normalizer.normalize(document: json, platform: .weibo, shape: .weiboShow)
    } catch {
      throw .invalidResponse(
        endpoint: endpoint, byteCount: WireFormat.json(json).count, reason: error.description)
    }
  }

  private static func requireResult(_ json: JSONValue, endpoint: String) throws(PlatformError) {
    guard case .bool(true)? = json["result"] else {
      throw .invalidResponse(
        endpoint: endpoint, byteCount: WireFormat.json(json).count,
        reason: "expected {\"result\": true}")
    }
  }
}

/// Weibo reports failures as `{"request": ..., "error_code": N, "error": "..."}`, with an HTTP
/// error status.
struct WeiboDialect: PlatformDialect {
  func failure(status: Int, json: JSONValue?, endpoint: String) -> PlatformError? {
    if let json, let code = Self.errorCode(json) {
      var message = ""
      if case .string(let text)? = json["error"] { message = text }
      return .weibo(endpoint: endpoint, code: code, message: message)
    }
    if !(200...299).contains(status) {
      return .httpStatus(endpoint: endpoint, status: status)
    }
    return nil
  }

  /// `error_code` as an integer, whether sent as a number or a numeric string.
  static func errorCode(_ json: JSONValue) -> Int? {
    switch json["error_code"] {
    case .number(let number)?: return Int(exactly: number)
    case .string(let text)?: return Int(text)
    default: return nil
    }
  }
}
