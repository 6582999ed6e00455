import MenuVaultCore
import MenuVaultJSON
import MenuVaultPlatform

/// The Weibo fan-service menu endpoints under `/2/messages/menu/`
/// (<https://open.weibo.com/wiki/2/messages/menu/create>).
///
/// Weibo documents no per-rule error codes (only `264XX`), so every broken menu rule is answered
/// with ``menuRuleErrorCode`` and the finding (path, rule, limit, actual) as the `error` text.
extension SandboxState {
  /// The `error_code` for a menu that breaks Weibo's rules.
  static let menuRuleErrorCode = 26401

  func weibo(_ request: SandboxRequest) -> SandboxReply {
    let path = request.path
    let form = WireFormat.parseForm(String(decoding: request.body, as: UTF8.self))
    let token = form.first { $0.0 == "access_token" }?.1 ?? request.queryValue("access_token")
    let isPost = request.method == "POST"
    switch path {
    case "/2/messages/menu/create.json", "/2/messages/menu/delete.json":
      guard isPost else {
        return weiboError(10021, "HTTP method is not suported for this request", path: path)
      }
    case "/2/messages/menu/show.json":
      break
    default:
      return SandboxReply(
        status: 404, body: Array("no such endpoint: \(path)\n".utf8),
        contentType: "text/plain; charset=utf-8")
    }
    guard let token, !token.isEmpty else {
      return weiboError(21301, "auth failed: no access_token", path: path)
    }
    guard configuration.weiboTokens.contains(token) else {
      return weiboError(21332, "invalid_access_token", path: path)
    }
    switch path {
    case "/2/messages/menu/create.json":
      guard let menus = form.first(where: { $0.0 == "menus" })?.1, !menus.isEmpty else {
        return weiboError(10016, "miss required parameter (menus)", path: path)
      }
      let menu: NormalizedMenu
      do {
        menu = try Normalizer.normalize(Array(menus.utf8), platform: .weibo, shape: .create)
      } catch {
        return weiboError(
          10017, "parameter (menus)'s value invalid: \(error.description)", path: path)
      }
      if let note = menu.notes.first {
        return weiboError(
          Self.menuRuleErrorCode,
          "\(note.path).type: type \"\(note.sourceType)\" is not accepted: use click or view",
          path: path)
      }
      let findings = MenuValidator(platform: .weibo).findings(
        in: MenuSet(defaultMenu: menu.readMenuSet.defaultMenu))
      if let finding = findings.first {
        return weiboError(Self.menuRuleErrorCode, finding.line, path: path)
      }
      weiboMenus[token] = menu.menuSet.defaultMenu
      return weiboJSON(.object([JSONMember("result", .bool(true))]))
    case "/2/messages/menu/delete.json":
      weiboMenus[token] = nil
      return weiboJSON(.object([JSONMember("result", .bool(true))]))
    default:
      let buttons = weiboMenus[token]?.buttons ?? []
      return weiboJSON(
        .object([
          JSONMember(
            "menu",
            .object([JSONMember("button", .array(buttons.map(SandboxRendering.weiboButton)))]))
        ]))
    }
  }
}
