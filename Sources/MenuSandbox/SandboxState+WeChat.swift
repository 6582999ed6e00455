import Foundation
import MenuVaultCore
import MenuVaultJSON
import MenuVaultPlatform

/// The WeChat endpoints under `/cgi-bin/`, answering as WeChat's menu pages document them
/// (<https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html>).
extension SandboxState {
  func wechat(_ request: SandboxRequest) -> (SandboxReply, String?) {
    switch request.path {
    case "/cgi-bin/token":
      return issueToken(request)
    case "/cgi-bin/stable_token":
      return issueStableToken(request)
    default:
      break
    }
    guard let requiresPost = Self.menuEndpoints[request.path] else {
      return (
        SandboxReply(
          status: 404, body: Array("no such endpoint: \(request.path)\n".utf8),
          contentType: "text/plain; charset=utf-8"), nil
      )
    }
    if requiresPost, request.method != "POST" {
      return (wechatError(43002), nil)
    }
    let appID: String
    switch authenticate(request.queryValue("access_token")) {
    case .success(let id): appID = id
    case .failure(let failure): return (wechatError(failure.code), nil)
    }
    guard var app = apps[appID] else { return (wechatError(40001), nil) }
    if let endpoint = SandboxQuotas.Endpoint(path: request.path) {
      let admitted = spendQuota(endpoint, of: &app)
      apps[appID] = app
      guard admitted else { return (wechatError(WeChatErrorCode.dailyQuotaReached), appID) }
    }
    if requiresPost, request.body.isEmpty {
      return (wechatError(44002), appID)
    }
    let reply: SandboxReply
    switch request.path {
    case "/cgi-bin/menu/create": reply = createMenu(request, &app)
    case "/cgi-bin/menu/get": reply = getMenu(&app)
    case "/cgi-bin/get_current_selfmenu_info": reply = selfmenu(&app)
    case "/cgi-bin/menu/delete": reply = deleteMenu(&app)
    case "/cgi-bin/menu/addconditional": reply = addConditional(request, &app)
    case "/cgi-bin/menu/delconditional": reply = deleteConditional(request, &app)
    default: reply = tryMatch(request, &app)
    }
    apps[appID] = app
    return (reply, appID)
  }

  /// The menu endpoints, and whether each must be called with a POST body.
  static let menuEndpoints: [String: Bool] = [
    "/cgi-bin/menu/create": true,
    "/cgi-bin/menu/get": false,
    "/cgi-bin/get_current_selfmenu_info": false,
    "/cgi-bin/menu/delete": false,
    "/cgi-bin/menu/addconditional": true,
    "/cgi-bin/menu/delconditional": true,
    "/cgi-bin/menu/trymatch": true,
  ]

  /// A WeChat error code to answer with.
  struct WeChatCode: Error {
    var code: Int
  }

  // MARK: - Tokens

  /// The app a token belongs to, or 41001 (missing), 40014 (malformed), 40001 (unknown),
  /// 42001 (expired).
  func authenticate(_ token: String?) -> Result<String, WeChatCode> {
    guard let token, !token.isEmpty else { return .failure(WeChatCode(code: 41001)) }
    guard token.allSatisfy(Self.isTokenCharacter) else {
      return .failure(WeChatCode(code: 40014))
    }
    guard let issued = tokens[token] else { return .failure(WeChatCode(code: 40001)) }
    guard issued.expiresAt > Date() else { return .failure(WeChatCode(code: 42001)) }
    return .success(issued.appID)
  }

  private static func isTokenCharacter(_ character: Character) -> Bool {
    character.isASCII
      && (character.isLetter || character.isNumber || character == "_"
        || character == "-")
  }

  /// `GET cgi-bin/token?grant_type=client_credential&appid=&secret=`: a new token each time;
  /// the app's older tokens stay valid for five more minutes at most.
  private func issueToken(_ request: SandboxRequest) -> (SandboxReply, String?) {
    guard request.queryValue("grant_type") == "client_credential" else {
      return (wechatError(40002), nil)
    }
    let appID = request.queryValue("appid") ?? ""
    guard let app = apps[appID] else { return (wechatError(40013), nil) }
    guard request.queryValue("secret") == app.secret else { return (wechatError(40125), appID) }
    shortenTokens(of: appID)
    let token = newToken(for: appID)
    return (tokenAnswer(token, expiresIn: configuration.tokenLifetime), appID)
  }

  /// `POST cgi-bin/stable_token`: the same token while it is valid, a new one when it is not or
  /// when `force_refresh` is true.
  private func issueStableToken(_ request: SandboxRequest) -> (SandboxReply, String?) {
    guard request.method == "POST" else { return (wechatError(43002), nil) }
    guard let json = try? JSONParser.parse(request.body), case .object = json else {
      return (wechatError(request.body.isEmpty ? 44002 : 47001), nil)
    }
    guard case .string("client_credential")? = json["grant_type"] else {
      return (wechatError(40002), nil)
    }
    guard case .string(let appID)? = json["appid"], var app = apps[appID] else {
      return (wechatError(40013), nil)
    }
    guard case .string(app.secret)? = json["secret"] else { return (wechatError(40125), appID) }
    var force = false
    if case .bool(true)? = json["force_refresh"] { force = true }
    if !force, let current = app.stableToken, let issued = tokens[current],
      issued.expiresAt > Date()
    {
      let remaining = Int(issued.expiresAt.timeIntervalSinceNow.rounded(.down))
      return (tokenAnswer(current, expiresIn: max(1, remaining)), appID)
    }
    shortenTokens(of: appID)
    let token = newToken(for: appID)
    app.stableToken = token
    apps[appID] = app
    return (tokenAnswer(token, expiresIn: configuration.tokenLifetime), appID)
  }

  private func tokenAnswer(_ token: String, expiresIn: Int) -> SandboxReply {
    wechatJSON(
      .object([
        JSONMember("access_token", .string(token)),
        JSONMember("expires_in", .number(Double(expiresIn))),
      ]))
  }

  private func newToken(for appID: String) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
    var token = "sbx_"
    for _ in 0..<60 { token.append(alphabet.randomElement() ?? "A") }
    tokens[token] = IssuedToken(
      appID: appID, expiresAt: Date().addingTimeInterval(TimeInterval(configuration.tokenLifetime)))
    redactor.register(token)
    return token
  }

  /// A new token starts the expiry of the app's older ones: five minutes of overlap.
  private func shortenTokens(of appID: String) {
    let limit = Date().addingTimeInterval(300)
    for (token, issued) in tokens where issued.appID == appID && issued.expiresAt > limit {
      tokens[token]?.expiresAt = limit
    }
  }

  /// Makes every token (of `appID`, or of every app) expired, so the next call gets 42001.
  func expireTokens(appID: String?) -> Int {
    var count = 0
    let past = Date().addingTimeInterval(-1)
    for (token, issued) in tokens where appID == nil || issued.appID == appID {
      if issued.expiresAt > past { count += 1 }
      tokens[token]?.expiresAt = past
    }
    return count
  }

  // MARK: - Menus

  /// Reads a create or addconditional body: the menu as read (for the rules), the normalized
  /// menu, or the error code to answer with.
  private func readMenuBody(_ body: [UInt8]) -> Result<NormalizedMenu, WeChatCode> {
    do {
      let menu = try Normalizer.normalize(body, platform: .wechat, shape: .create)
      // Website-only types (text, img, news, ...) are not create-API types: WeChat refuses them.
      if let note = menu.notes.first {
        return .failure(WeChatCode(code: note.path.contains("sub_button") ? 40024 : 40017))
      }
      return .success(menu)
    } catch {
      return .failure(WeChatCode(code: 47001))
    }
  }

  /// The code of the first rule `set` breaks, or `nil` when WeChat would accept it; rules in
  /// `skipped` are not applied.
  ///
  /// A refusal of a match-rule field (65320) comes before the button rules: the rule decides
  /// whether the menu may exist at all, so it is the plausible first thing WeChat reads.
  private func firstViolation(
    in set: MenuSet, skipping skipped: Set<ValidationFinding.Rule> = []
  ) -> Int? {
    let findings = MenuValidator(platform: .wechat).refusals(in: set).filter {
      !skipped.contains($0.rule)
    }
    guard let first = findings.first(where: { $0.rule == .privacyMatchField }) ?? findings.first
    else { return nil }
    return first.wechatErrorCode ?? 47001
  }

  private func createMenu(_ request: SandboxRequest, _ app: inout SandboxApp) -> SandboxReply {
    let menu: NormalizedMenu
    switch readMenuBody(request.body) {
    case .success(let read): menu = read
    case .failure(let code): return wechatError(code.code)
    }
    if let code = firstViolation(in: MenuSet(defaultMenu: menu.readMenuSet.defaultMenu)) {
      return wechatError(code)
    }
    app.defaultMenu = (menu.menuSet.defaultMenu, takeMenuID())
    app.websiteMenu = nil
    return wechatOK()
  }

  private func getMenu(_ app: inout SandboxApp) -> SandboxReply {
    guard let current = app.defaultMenu else { return wechatError(46003) }
    var menu: [JSONMember] = [
      JSONMember("button", .array(current.menu.buttons.map(SandboxRendering.menuGetButton)))
    ]
    if !app.conditionalMenus.isEmpty {
      menu.append(JSONMember("menuid", .number(Double(current.menuID))))
    }
    var members = [JSONMember("menu", .object(menu))]
    if !app.conditionalMenus.isEmpty {
      let list = app.conditionalMenus.map { entry -> JSONValue in
        .object([
          JSONMember("button", .array(entry.menu.buttons.map(SandboxRendering.menuGetButton))),
          JSONMember("matchrule", SandboxRendering.matchRule(entry.menu.matchRule ?? MatchRule())),
          JSONMember("menuid", .number(Double(entry.menuID))),
        ])
      }
      members.append(JSONMember("conditionalmenu", .array(list)))
    }
    return wechatJSON(.object(members))
  }

  private func selfmenu(_ app: inout SandboxApp) -> SandboxReply {
    if let website = app.websiteMenu {
      return wechatJSON(refreshTemporaryMaterials(in: website))
    }
    guard let current = app.defaultMenu else {
      return wechatJSON(.object([JSONMember("is_menu_open", .number(0))]))
    }
    return wechatJSON(
      .object([
        JSONMember("is_menu_open", .number(1)),
        JSONMember(
          "selfmenu_info",
          .object([
            JSONMember(
              "button", .array(current.menu.buttons.map(SandboxRendering.selfmenuButton)))
          ])),
      ]))
  }

  private func deleteMenu(_ app: inout SandboxApp) -> SandboxReply {
    app.defaultMenu = nil
    app.conditionalMenus = []
    app.websiteMenu = nil
    return wechatOK()
  }

  private func addConditional(_ request: SandboxRequest, _ app: inout SandboxApp) -> SandboxReply {
    switch storeConditional(request.body, in: &app, applyingPrivacyRule: true) {
    case .success(let menuID):
      return wechatJSON(.object([JSONMember("menuid", .string(String(menuID)))]))
    case .failure(let code):
      return wechatError(code.code)
    }
  }

  /// Checks an addconditional `body` as WeChat does today and stores the menu in `app`; returns
  /// its new menuid, or the code to answer with.
  ///
  /// The checks, in order: the body reads as a menu (47001; website-only types 40017 / 40024),
  /// a default menu exists (65303), the match rule is not empty (65304), the validator's rules
  /// with a privacy field in the rule first (65320, then the button rules), and last all the
  /// app's conditional menus with this one link to at most 3 domains (65316).
  /// `applyingPrivacyRule: false` leaves out 65320, for a menu created before the privacy change.
  private func storeConditional(
    _ body: [UInt8], in app: inout SandboxApp, applyingPrivacyRule: Bool
  ) -> Result<Int, WeChatCode> {
    let read: NormalizedMenu
    switch readMenuBody(body) {
    case .success(let menu): read = menu
    case .failure(let code): return .failure(code)
    }
    guard app.defaultMenu != nil else { return .failure(WeChatCode(code: 65303)) }
    guard let asRead = read.readMenuSet.conditionalMenus.first,
      let normalized = read.menuSet.conditionalMenus.first,
      let rule = asRead.matchRule, !rule.isEmpty
    else {
      return .failure(WeChatCode(code: 65304))
    }
    if let code = firstViolation(
      in: MenuSet(defaultMenu: Menu(buttons: []), conditionalMenus: [asRead]),
      skipping: applyingPrivacyRule ? [] : [.privacyMatchField])
    {
      return .failure(WeChatCode(code: code))
    }
    let together = app.conditionalMenus.map(\.menu) + [normalized]
    let domains = LinkDomains(
      conditionalMenusOf: MenuSet(defaultMenu: Menu(buttons: []), conditionalMenus: together))
    if domains.entries.count > PlatformLimits.wechat.conditionalLinkDomains {
      return .failure(WeChatCode(code: 65316))
    }
    let menuID = takeMenuID()
    app.conditionalMenus.append((normalized, menuID))
    return .success(menuID)
  }

  private func deleteConditional(_ request: SandboxRequest, _ app: inout SandboxApp)
    -> SandboxReply
  {
    guard let json = try? JSONParser.parse(request.body), case .object = json else {
      return wechatError(47001)
    }
    let requested: Int?
    switch json["menuid"] {
    case .string(let text)?: requested = Int(text)
    case .number(let number)?: requested = Int(exactly: number)
    default: requested = nil
    }
    guard let requested,
      let index = app.conditionalMenus.firstIndex(where: { $0.menuID == requested })
    else {
      return wechatError(65301)
    }
    app.conditionalMenus.remove(at: index)
    return wechatOK()
  }

  private func tryMatch(_ request: SandboxRequest, _ app: inout SandboxApp) -> SandboxReply {
    guard let json = try? JSONParser.parse(request.body), case .object = json else {
      return wechatError(47001)
    }
    guard case .string(let userID)? = json["user_id"], let user = app.users[userID] else {
      return wechatError(65302)
    }
    guard let current = app.defaultMenu else { return wechatError(46003) }
    // The newest conditional menu whose every rule field matches the user wins. A rule that
    // holds a field retired for privacy (sex, region, language) matches nobody any more.
    let matched = app.conditionalMenus.reversed().first { entry in
      guard let rule = entry.menu.matchRule, rule.isActive else { return false }
      return rule.values.allSatisfy { user[$0.key] == $0.value }
    }
    let menu = matched?.menu ?? current.menu
    return wechatJSON(
      .object([JSONMember("button", .array(menu.buttons.map(SandboxRendering.menuGetButton)))]))
  }

  /// Stores the addconditional `body` for `appID` as a conditional menu created before WeChat's
  /// privacy change: its rule may hold sex, country, province, city or language, which menu/get
  /// still lists and trymatch never matches. Every other addconditional rule applies.
  ///
  /// - Returns: the new menuid.
  /// - Throws: ``SandboxError/unknownApp(_:)``, or ``SandboxError/invalidControlRequest(path:reason:)``
  ///   when addconditional would have refused the menu even then.
  func seedLegacyConditionalMenu(_ body: [UInt8], appID: String) throws(SandboxError) -> Int {
    guard var app = apps[appID] else { throw .unknownApp(appID) }
    let menuID: Int
    switch storeConditional(body, in: &app, applyingPrivacyRule: false) {
    case .success(let id): menuID = id
    case .failure(let refusal):
      let reason: String
      switch refusal.code {
      case 47001:
        reason =
          "the body is not an addconditional body: send {\"button\": [...], \"matchrule\": {...}}"
      case 65303:
        reason =
          "app \"\(appID)\" has no default menu, and a conditional menu needs one (65303): "
          + "create it through cgi-bin/menu/create first"
      case 65304:
        reason = "the body needs a non-empty \"matchrule\" (65304)"
      default:
        reason =
          "addconditional refuses this menu for a reason other than privacy: errcode "
          + "\(refusal.code) \"\(WeChatErrorCode.message(for: refusal.code))\""
      }
      throw .invalidControlRequest(path: "/sandbox/legacy-conditional-menu", reason: reason)
    }
    apps[appID] = app
    return menuID
  }

  // MARK: - Website-set menus

  /// Stores `document` (a get_current_selfmenu_info answer) as a menu set on the website for
  /// `appID`: it replaces the API menus, menu/get answers 46003, selfmenu shows it.
  func seedWebsiteMenu(_ document: JSONValue, appID: String) throws(SandboxError) {
    guard var app = apps[appID] else { throw .unknownApp(appID) }
    do {
      _ = try Normalizer.normalize(document: document, platform: .wechat, shape: .selfmenu)
    } catch {
      throw .invalidControlRequest(
        path: "/sandbox/website-menu",
        reason: "not a get_current_selfmenu_info document: \(error.description)")
    }
    app.websiteMenu = document
    app.defaultMenu = nil
    app.conditionalMenus = []
    apps[appID] = app
  }

  /// `document` with every img, voice and video button's `value` replaced by a new temporary
  /// material, as the real server does on every fetch.
  private func refreshTemporaryMaterials(in document: JSONValue) -> JSONValue {
    switch document {
    case .object(let members):
      let type: String? = {
        if case .string(let text)? = document["type"] { return text }
        return nil
      }()
      return .object(
        members.map { member in
          if member.key == "value", let type, ["img", "voice", "video"].contains(type) {
            return JSONMember("value", .string(nextTemporaryMaterial(type: type)))
          }
          return JSONMember(member.key, refreshTemporaryMaterials(in: member.value))
        })
    case .array(let elements):
      return .array(elements.map { refreshTemporaryMaterials(in: $0) })
    default:
      return document
    }
  }

  private func nextTemporaryMaterial(type: String) -> String {
    temporaryMaterialSerial += 1
    let random = Hex.encode((0..<16).map { _ in UInt8.random(in: .min ... .max) })
    if type == "video" {
      return "http://127.0.0.1/sandbox-video/1007_\(random).f10.mp4?vkey=\(temporaryMaterialSerial)"
        + "&sha=0&save=1"
    }
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    var media = "tmp\(temporaryMaterialSerial)_"
    while media.count < 64 { media.append(alphabet.randomElement() ?? "A") }
    return media
  }

  /// Registers `userID` for `trymatch`, with the attributes conditional menus match on.
  func addUser(_ userID: String, attributes: MatchRule, appID: String) throws(SandboxError) {
    guard apps[appID] != nil else { throw .unknownApp(appID) }
    apps[appID]?.users[userID] = attributes
  }
}
