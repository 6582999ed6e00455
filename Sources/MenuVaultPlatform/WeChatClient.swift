import Foundation
import MenuVaultCore
import MenuVaultJSON

/// A client for WeChat's custom-menu API
/// (<https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html>).
///
/// Every call returns the exact response bytes with the decoded value and the scrubbed request.
/// The access token goes in the `access_token` query parameter; a refused token (40001, 42001,
/// 40014) is replaced once and the call tried once more; busy (-1), quota (45009), HTTP 5xx,
/// timeouts and lost connections are retried per ``ClientOptions/retry``.
package struct WeChatClient: Sendable {
  /// `https://api.weixin.qq.com/`.
  package static let defaultBaseURL = URL(constant: "https://api.weixin.qq.com/")

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
  ///   - tokenSource: a given token, app credentials, or a token command.
  ///   - baseURL: the API's base URL; a sandbox's for rehearsals and tests.
  ///   - options: timeouts, retries, the HTTP transport, logging and the redactor.
  package init(
    tokenSource: TokenSource, baseURL: URL = WeChatClient.defaultBaseURL,
    options: ClientOptions = ClientOptions()
  ) {
    self.baseURL = baseURL
    self.tokenSource = tokenSource
    self.options = options
    self.caller = PlatformCaller(baseURL: baseURL, options: options, dialect: WeChatDialect())
    self.tokens = AccessTokenProvider(source: tokenSource, caller: caller)
  }

  /// The redactor that knows this client's secrets and tokens.
  package var redactor: Redactor { options.redactor }

  /// `POST cgi-bin/menu/create`: replaces the default menu with `menu`'s buttons (normalized).
  package func createMenu(_ menu: Menu) async throws(PlatformError) -> PlatformResponse<Void> {
    let body = JSONValue.object([
      JSONMember("button", .array(menu.buttons.map { $0.normalized().document }))
    ])
    return try await call(.post("cgi-bin/menu/create", body)) { _, _ throws(PlatformError) in () }
  }

  /// `GET cgi-bin/menu/get`: the API-set default menu and conditional menus, normalized, or
  /// `nil` when WeChat answers 46003 (no menu set through the API; a menu set on the website
  /// shows only in ``getCurrentSelfmenuInfo()``).
  package func getMenu() async throws(PlatformError) -> PlatformResponse<NormalizedMenu?> {
    try await call(.get("cgi-bin/menu/get"), accepting: [WeChatErrorCode.menuDoesNotExist]) {
      json, endpoint throws(PlatformError) in
      if json["errcode"] != nil, json["menu"] == nil { return nil }
      return try Self.normalize(json, shape: .menuGet, endpoint: endpoint)
    }
  }

  /// `GET cgi-bin/get_current_selfmenu_info`: the menu users see, whether set through the API or
  /// on the website, normalized (website-only buttons converted or marked unpublishable).
  package func getCurrentSelfmenuInfo() async throws(PlatformError)
    -> PlatformResponse<NormalizedMenu>
  {
    try await call(.get("cgi-bin/get_current_selfmenu_info")) {
      json, endpoint throws(PlatformError) in
      try Self.normalize(json, shape: .selfmenu, endpoint: endpoint)
    }
  }

  /// `GET cgi-bin/menu/delete`: removes the default menu and every conditional menu.
  package func deleteMenu() async throws(PlatformError) -> PlatformResponse<Void> {
    try await call(.get("cgi-bin/menu/delete")) { _, _ throws(PlatformError) in () }
  }

  /// `POST cgi-bin/menu/addconditional`: adds `menu` (its buttons and match rule) as a
  /// conditional menu and returns the new `menuid` (WeChat sends a string; a number is accepted).
  ///
  /// Not retried after a timeout or a lost connection: the server may have created the menu,
  /// and a second try would create it twice. Read menu/get to see whether it did.
  package func addConditionalMenu(_ menu: Menu) async throws(PlatformError)
    -> PlatformResponse<String>
  {
    let body = JSONValue.object([
      JSONMember("button", .array(menu.buttons.map { $0.normalized().document })),
      JSONMember("matchrule", (menu.matchRule ?? MatchRule()).document),
    ])
    var request = PlatformRequest.post("cgi-bin/menu/addconditional", body)
    request.isIdempotent = false
    return try await call(request) { json, endpoint throws(PlatformError) in
      switch json["menuid"] {
      case .string(let id)? where !id.isEmpty:
        return id
      case .number(let number)?:
        if let id = Int64(exactly: number) { return String(id) }
        return ECMAScriptNumber.format(number) ?? String(number)
      default:
        throw PlatformError.invalidResponse(
          endpoint: endpoint, byteCount: WireFormat.json(json).count,
          reason: "no \"menuid\" in the answer")
      }
    }
  }

  /// `POST cgi-bin/menu/delconditional`: removes the conditional menu `menuID`
  /// (65301 when there is none).
  package func deleteConditionalMenu(menuID: String) async throws(PlatformError)
    -> PlatformResponse<Void>
  {
    let body = JSONValue.object([JSONMember("menuid", .string(menuID))])
    return try await call(.post("cgi-bin/menu/delconditional", body)) {
      _, _ throws(PlatformError) in ()
    }
  }

  /// `POST cgi-bin/menu/trymatch`: the menu `userID` (an openid or a WeChat id) would see,
  /// normalized (65302 when there is no such user).
  package func tryMatch(userID: String) async throws(PlatformError)
    -> PlatformResponse<NormalizedMenu>
  {
    let body = JSONValue.object([JSONMember("user_id", .string(userID))])
    return try await call(.post("cgi-bin/menu/trymatch", body)) {
      json, endpoint throws(PlatformError) in
      try Self.normalize(json, shape: .create, endpoint: endpoint)
    }
  }

  // MARK: - Calls

  private func call<Value: Sendable>(
    _ request: PlatformRequest, accepting accepted: Set<Int> = [],
    decode: (JSONValue, String) throws(PlatformError) -> Value
  ) async throws(PlatformError) -> PlatformResponse<Value> {
    let (outcome, attempts) = try await caller.sendAuthorized(
      request, tokens: tokens,
      accepting: { $0.wechatErrorCode.map(accepted.contains) ?? false },
      authorize: { token in (query: [("access_token", token)], body: request.body) })
    guard let json = outcome.json, case .object = json else {
      throw PlatformError.invalidResponse(
        endpoint: request.endpoint, byteCount: outcome.exchange.body.count,
        reason: "expected a JSON object"
      ).scrubbed(by: redactor)
    }
    do {
      return response(
        outcome, endpoint: request.endpoint, attempts: attempts,
        value: try decode(json, request.endpoint))
    } catch {
      throw error.scrubbed(by: redactor)
    }
  }

  private func response<Value: Sendable>(
    _ outcome: CallOutcome, endpoint: String, attempts: Int, value: Value
  ) -> PlatformResponse<Value> {
    PlatformResponse(
      endpoint: endpoint, value: value, bytes: outcome.exchange.body,
      status: outcome.exchange.status, request: outcome.request, attempts: attempts)
  }

  static func normalize(_ json: JSONValue, shape: DocumentShape, endpoint: String)
    throws(PlatformError) -> NormalizedMenu
  {
    do {
      return try Normalizer.normalize(document: json, platform: .wechat, shape: shape)
    } catch {
      throw .invalidResponse(
        endpoint: endpoint, byteCount: WireFormat.json(json).count, reason: error.description)
    }
  }
}

extension PlatformRequest {
  /// A GET without a body.
  static func get(_ endpoint: String) -> PlatformRequest {
    PlatformRequest(method: "GET", endpoint: endpoint)
  }

  /// A POST of a JSON body.
  static func post(_ endpoint: String, _ body: JSONValue) -> PlatformRequest {
    PlatformRequest(
      method: "POST", endpoint: endpoint, body: WireFormat.json(body),
      contentType: "application/json")
  }
}

/// WeChat reports failures as `{"errcode": N, "errmsg": "..."}`, usually with HTTP 200.
struct WeChatDialect: PlatformDialect {
  func failure(status: Int, json: JSONValue?, endpoint: String) -> PlatformError? {
    if let json, let code = Self.errorCode(json), code != 0 {
      var message = ""
      if case .string(let text)? = json["errmsg"] { message = text }
      return .wechat(endpoint: endpoint, code: code, message: message)
    }
    if status != 200 {
      return .httpStatus(endpoint: endpoint, status: status)
    }
    return nil
  }

  /// `errcode` as an integer, whether sent as a number or a numeric string.
  static func errorCode(_ json: JSONValue) -> Int? {
    switch json["errcode"] {
    case .number(let number)?: return Int(exactly: number)
    case .string(let text)?: return Int(text)
    default: return nil
    }
  }
}
