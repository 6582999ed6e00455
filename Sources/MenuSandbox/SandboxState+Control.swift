import MenuVaultCore
import MenuVaultJSON

/// The control endpoints under `/sandbox/` (documented in the README's "The sandbox" section).
/// They are not logged and answer `{"ok": true, ...}`, or HTTP 400 `{"error": "..."}`.
extension SandboxState {
  /// The app control requests act on when they name none: the first configured app.
  var defaultAppID: String {
    configuration.apps.first?.appID ?? SandboxConfiguration.App.standard.appID
  }

  func control(_ request: SandboxRequest) -> SandboxReply {
    do throws(SandboxError) {
      return try controlAnswer(request)
    } catch {
      return controlJSON(.object([JSONMember("error", .string(error.description))]), status: 400)
    }
  }

  private func controlAnswer(_ request: SandboxRequest) throws(SandboxError) -> SandboxReply {
    let path = request.path
    func invalid(_ reason: String) -> SandboxError {
      .invalidControlRequest(path: path, reason: reason)
    }
    func requirePost() throws(SandboxError) {
      guard request.method == "POST" else { throw invalid("use POST") }
    }
    func body() throws(SandboxError) -> JSONValue {
      do {
        return try JSONParser.parse(request.body)
      } catch {
        throw invalid("the body is not JSON: \(error.description)")
      }
    }
    let appID = request.queryValue("appid") ?? defaultAppID
    switch path {
    case "/sandbox", "/sandbox/":
      return controlJSON(
        .object([
          JSONMember(
            "endpoints",
            .array(
              [
                "POST /sandbox/website-menu?appid=APPID  (body: a get_current_selfmenu_info document)",
                "POST /sandbox/faults  (body: {\"path\", \"count\", one of errcode/status/truncate/drop/ignore, delay_ms})",
                "GET /sandbox/faults",
                "POST /sandbox/expire-tokens[?appid=APPID]",
                "POST /sandbox/users?appid=APPID  (body: {\"user_id\", match-rule fields})",
                "POST /sandbox/legacy-conditional-menu?appid=APPID  (body: an addconditional body; skips the privacy rule)",
                "GET /sandbox/quota?appid=APPID",
                "POST /sandbox/quota?appid=APPID  (body: {\"addconditional\", \"delconditional\", \"trymatch\": calls used today})",
                "GET /sandbox/calls[?path=PATH]",
                "POST /sandbox/reset",
              ].map { .string($0) }))
        ]))
    case "/sandbox/reset":
      try requirePost()
      reset()
      return ok([])
    case "/sandbox/faults":
      if request.method == "GET" {
        let pending = faults.keys.sorted().flatMap { key in
          (faults[key] ?? []).map { fault -> JSONValue in
            .object([
              JSONMember("path", .string(key)),
              JSONMember("remaining", .number(Double(fault.count))),
              JSONMember("fault", .string(fault.label)),
            ])
          }
        }
        return controlJSON(.object([JSONMember("faults", .array(pending))]))
      }
      try requirePost()
      let (faultPath, fault) = try SandboxFault.parse(body())
      inject(fault, on: faultPath)
      return ok([
        JSONMember("path", .string(faultPath)), JSONMember("count", .number(Double(fault.count))),
        JSONMember("fault", .string(fault.label)),
      ])
    case "/sandbox/website-menu":
      try requirePost()
      try seedWebsiteMenu(body(), appID: appID)
      return ok([JSONMember("appid", .string(appID))])
    case "/sandbox/expire-tokens":
      try requirePost()
      let only = request.queryValue("appid")
      if let only, apps[only] == nil { throw .unknownApp(only) }
      let count = expireTokens(appID: only)
      return ok([JSONMember("expired", .number(Double(count)))])
    case "/sandbox/users":
      try requirePost()
      let user = try body()
      guard case .string(let userID)? = user["user_id"], !userID.isEmpty else {
        throw invalid("\"user_id\" is required")
      }
      var attributes = MatchRule()
      for field in MatchRule.Field.allCases {
        switch user[field.rawValue] {
        case .string(let text)?: attributes[field] = text
        case .number(let number)?:
          attributes[field] = Int(exactly: number).map(String.init) ?? String(number)
        default: break
        }
      }
      try addUser(userID, attributes: attributes, appID: appID)
      return ok([JSONMember("appid", .string(appID)), JSONMember("user_id", .string(userID))])
    case "/sandbox/legacy-conditional-menu":
      try requirePost()
      let menuID = try seedLegacyConditionalMenu(request.body, appID: appID)
      return ok([
        JSONMember("appid", .string(appID)), JSONMember("menuid", .string(String(menuID))),
      ])
    case "/sandbox/quota":
      if request.method == "GET" {
        return controlJSON(.object(try quotaReport(appID: appID)))
      }
      try requirePost()
      try setQuotaUsage(body(), appID: appID)
      return ok(try quotaReport(appID: appID))
    case "/sandbox/calls":
      let list = loggedCalls(path: request.queryValue("path")).map(\.json)
      return controlJSON(.object([JSONMember("calls", .array(list))]))
    default:
      throw invalid("no such control endpoint: GET /sandbox/ lists them")
    }
  }

  private func ok(_ members: [JSONMember]) -> SandboxReply {
    controlJSON(.object([JSONMember("ok", .bool(true))] + members))
  }
}
