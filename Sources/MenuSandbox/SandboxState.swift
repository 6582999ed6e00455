import Foundation
import MenuVaultCore
import MenuVaultJSON
import MenuVaultPlatform

/// A request as the sandbox sees it, independent of the HTTP server library.
struct SandboxRequest: Sendable {
  var method: String
  var path: String
  /// The raw (percent-encoded) query string.
  var rawQuery: String
  var body: [UInt8]

  /// The decoded query parameters (`+` is a space).
  var query: [(String, String)] { WireFormat.parseForm(rawQuery) }

  /// The first query parameter named `name`.
  func queryValue(_ name: String) -> String? {
    query.first { $0.0 == name }?.1
  }
}

/// How a reply goes out on the wire.
enum SandboxDelivery: Sendable, Equatable {
  /// The whole body.
  case complete
  /// Headers, then the connection closes.
  case dropped
}

/// What the sandbox answers.
struct SandboxReply: Sendable {
  var status: Int
  var body: [UInt8]
  var contentType: String
  var delivery: SandboxDelivery = .complete
  var delay: Duration = .zero
}

/// One WeChat app's state: its tokens' owner, menus, website flag and users.
struct SandboxApp: Sendable {
  var appID: String
  var secret: String
  /// The token `cgi-bin/stable_token` hands out while it is valid.
  var stableToken: String?
  /// The default menu set through the API, with its menuid.
  var defaultMenu: (menu: Menu, menuID: Int)?
  /// The conditional menus, oldest first.
  var conditionalMenus: [(menu: Menu, menuID: Int)] = []
  /// The selfmenu document of a menu set on the website (then there is no API menu).
  var websiteMenu: JSONValue?
  /// The users `trymatch` knows, with their attributes.
  var users: [String: MatchRule] = [SandboxConfiguration.standardUserID: MatchRule()]
  /// Today's calls to the endpoints with a daily quota.
  var quotaUsage = SandboxQuotaUsage()
}

/// A token the sandbox issued.
struct IssuedToken: Sendable {
  var appID: String
  var expiresAt: Date
}

/// Everything the sandbox remembers. Each request is handled start to finish inside the actor,
/// so state changes are atomic.
actor SandboxState {
  let configuration: SandboxConfiguration
  let redactor: Redactor
  var apps: [String: SandboxApp] = [:]
  var tokens: [String: IssuedToken] = [:]
  var weiboMenus: [String: Menu] = [:]
  var faults: [String: [SandboxFault]] = [:]
  var calls: [SandboxCall] = []
  var nextMenuID = 208_396_938
  var temporaryMaterialSerial = 0

  init(configuration: SandboxConfiguration) {
    self.configuration = configuration
    self.redactor = Redactor(
      secrets: configuration.apps.map(\.secret) + configuration.weiboTokens)
    for app in configuration.apps {
      apps[app.appID] = SandboxApp(appID: app.appID, secret: app.secret)
    }
  }

  /// Forgets every menu, token, fault, user, call and quota count: the state at start.
  func reset() {
    apps = [:]
    for app in configuration.apps {
      apps[app.appID] = SandboxApp(appID: app.appID, secret: app.secret)
    }
    tokens = [:]
    weiboMenus = [:]
    faults = [:]
    calls = []
    nextMenuID = 208_396_938
    temporaryMaterialSerial = 0
  }

  /// Answers one request: a control request, or an API call (logged, and shaped by any fault
  /// injected on its path).
  func handle(_ request: SandboxRequest) -> SandboxReply {
    if request.path == "/sandbox" || request.path.hasPrefix("/sandbox/") {
      return control(request)
    }
    let fault = takeFault(for: request.path)
    var appID: String?
    var reply: SandboxReply
    switch fault?.kind {
    case .errorCode(let code, let message)?:
      reply =
        isWeibo(request.path)
        ? weiboError(code, message ?? "sandbox fault", path: request.path)
        : wechatError(code, message)
    case .httpStatus(let status)?:
      reply = SandboxReply(
        status: status, body: Array("sandbox fault: HTTP \(status)\n".utf8),
        contentType: "text/plain; charset=utf-8")
    case .droppedConnection?:
      reply = SandboxReply(
        status: 200, body: Array(#"{"errcode":0,"errmsg":"ok"}"#.utf8),
        contentType: SandboxReply.wechatContentType, delivery: .dropped)
    case .truncatedBody(let keep)?:
      (reply, appID) = route(request)
      let kept = min(reply.body.count, keep ?? reply.body.count / 2)
      reply.body = Array(reply.body.prefix(kept))
    case .acceptedNotApplied?:
      reply =
        isWeibo(request.path)
        ? weiboJSON(.object([JSONMember("result", .bool(true))]))
        : request.path == "/cgi-bin/menu/addconditional"
          ? wechatJSON(.object([JSONMember("menuid", .string(String(takeMenuID())))]))
          : wechatOK()
    case .answer(let body)?:
      reply = SandboxReply(status: 200, body: body, contentType: SandboxReply.wechatContentType)
    case .delayOnly?, nil:
      (reply, appID) = route(request)
    }
    reply.delay = fault?.delay ?? .zero
    record(request, reply: reply, appID: appID, fault: fault)
    return reply
  }

  private func route(_ request: SandboxRequest) -> (SandboxReply, String?) {
    if isWeibo(request.path) {
      return (weibo(request), nil)
    }
    if request.path.hasPrefix("/cgi-bin/") {
      return wechat(request)
    }
    return (
      SandboxReply(
        status: 404, body: Array("no such endpoint: \(request.path)\n".utf8),
        contentType: "text/plain; charset=utf-8"), nil
    )
  }

  func isWeibo(_ path: String) -> Bool { path.hasPrefix("/2/messages/menu/") }

  private func takeFault(for path: String) -> SandboxFault? {
    guard var pending = faults[path], var first = pending.first else { return nil }
    first.count -= 1
    let taken = first
    if first.count > 0 {
      pending[0] = first
    } else {
      pending.removeFirst()
    }
    faults[path] = pending.isEmpty ? nil : pending
    return taken
  }

  /// Queues `fault` on `path` behind any fault already queued there.
  func inject(_ fault: SandboxFault, on path: String) {
    let key = path.hasPrefix("/") ? path : "/" + path
    faults[key, default: []].append(fault)
  }

  /// The calls logged so far, optionally only those to `path`.
  func loggedCalls(path: String? = nil) -> [SandboxCall] {
    guard let path else { return calls }
    let key = path.hasPrefix("/") ? path : "/" + path
    return calls.filter { $0.path == key }
  }

  private func record(
    _ request: SandboxRequest, reply: SandboxReply, appID: String?, fault: SandboxFault?
  ) {
    var errorCode: Int?
    if reply.delivery == .complete, let json = try? JSONParser.parse(reply.body) {
      if case .number(let code)? = json["errcode"] ?? json["error_code"] {
        errorCode = Int(exactly: code)
      }
    }
    let call = SandboxCall(
      sequence: calls.count + 1, method: request.method, path: request.path,
      query: redactor.scrub(request.rawQuery),
      body: redactor.scrub(String(decoding: request.body, as: UTF8.self)),
      appID: appID ?? tokens[request.queryValue("access_token") ?? ""]?.appID,
      status: reply.delivery == .dropped ? nil : reply.status, errorCode: errorCode,
      fault: fault?.label)
    calls.append(call)
    configuration.log?(call.line)
  }

  // MARK: - Answers

  /// `{"errcode": code, "errmsg": message}` with HTTP 200, as WeChat answers every error.
  func wechatError(_ code: Int, _ message: String? = nil) -> SandboxReply {
    wechatJSON(
      .object([
        JSONMember("errcode", .number(Double(code))),
        JSONMember("errmsg", .string(message ?? WeChatErrorCode.message(for: code))),
      ]))
  }

  /// `{"errcode":0,"errmsg":"ok"}`.
  func wechatOK() -> SandboxReply { wechatError(0, "ok") }

  /// A WeChat JSON answer: compact, `/` escaped as `\/` as the real server does.
  func wechatJSON(_ value: JSONValue) -> SandboxReply {
    var bytes: [UInt8] = []
    for byte in WireFormat.json(value) {
      if byte == UInt8(ascii: "/") { bytes.append(UInt8(ascii: "\\")) }
      bytes.append(byte)
    }
    return SandboxReply(status: 200, body: bytes, contentType: SandboxReply.wechatContentType)
  }

  /// `{"request": path, "error_code": code, "error": message}` with HTTP 400, as Weibo answers.
  func weiboError(_ code: Int, _ message: String, path: String) -> SandboxReply {
    SandboxReply(
      status: 400,
      body: WireFormat.json(
        .object([
          JSONMember("request", .string(path)),
          JSONMember("error_code", .number(Double(code))),
          JSONMember("error", .string(message)),
        ])), contentType: SandboxReply.weiboContentType)
  }

  /// A Weibo JSON answer with HTTP 200.
  func weiboJSON(_ value: JSONValue) -> SandboxReply {
    SandboxReply(
      status: 200, body: WireFormat.json(value), contentType: SandboxReply.weiboContentType)
  }

  /// A control answer: JSON with `status`.
  func controlJSON(_ value: JSONValue, status: Int = 200) -> SandboxReply {
    SandboxReply(
      status: status, body: Array((PrettyJSON.string(value) + "\n").utf8),
      contentType: "application/json; charset=utf-8")
  }

  /// Assigns the next menuid.
  func takeMenuID() -> Int {
    defer { nextMenuID += 1 }
    return nextMenuID
  }
}

extension SandboxReply {
  /// The content type WeChat sends.
  static let wechatContentType = "application/json; encoding=utf-8"
  /// The content type Weibo sends.
  static let weiboContentType = "application/json;charset=UTF-8"
}
