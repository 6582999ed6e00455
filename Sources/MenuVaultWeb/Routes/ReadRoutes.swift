import Foundation
import HTTPTypes
import Hummingbird
import MenuVault

/// The pages that only read the vault: the accounts, an account's timeline, a snapshot (drawn,
/// raw and canonical), a comparison, and the stylesheet and script. Each answers a page, or the
/// command line's `--json` output when asked for JSON.
///
/// Every page carries a strong `ETag` (the hash of its bytes) and answers a matching
/// `If-None-Match` with 304; a page drawn once is kept until the vault changes (``PageCache``).
/// A snapshot's raw and canonical bytes are tagged with the hash the vault keeps them under,
/// and may be kept by the browser for good (``DrawnPage/Caching/immutable``).
struct ReadRoutes: Sendable {
  let vault: VaultReader
  let pages: Pages
  let options: WebServerOptions
  /// The pages drawn since the vault last changed.
  let cache: PageCache

  func register(on router: Router<some RequestContext>) {
    router.get("/") { request, _ in
      try await kept(request) { try await overview(request) }
    }
    router.get("/accounts/:name") { request, context in
      let name = context.pathParameter("name") ?? ""
      return try await kept(request) { try await timeline(request, account: name) }
    }
    router.get("/snapshots/:id") { request, context in
      let id = try context.snapshotID()
      return try await kept(request) { try await snapshot(request, id: id) }
    }
    router.get("/snapshots/:id/raw") { request, context in
      let id = try context.snapshotID()
      let bytes = try await vault.read { try $0.rawBytes(snapshotID: id) }
      return DrawnPage.stored(bytes, contentType: "application/json").response(to: request)
    }
    router.get("/snapshots/:id/canonical") { request, context in
      let id = try context.snapshotID()
      let bytes = try await vault.read { try $0.canonicalBytes(snapshotID: id) }
      return DrawnPage.stored(bytes, contentType: "application/json").response(to: request)
    }
    router.get("/compare") { request, _ in
      try await kept(request) { try await compare(request) }
    }
    router.get(RouterPath(Assets.stylesheetPath)) { _, _ in
      Response.bytes(Assets.stylesheet, contentType: "text/css; charset=utf-8", cacheable: true)
    }
    router.get(RouterPath(Assets.scriptPath)) { _, _ in
      Response.bytes(Assets.script, contentType: "text/javascript; charset=utf-8", cacheable: true)
    }
  }

  /// The answer to `request` from the page kept for its URL and representation, when the vault
  /// has not changed since it was drawn; else from the page `draw` draws now, which is kept.
  /// Either way 304 when the request's `If-None-Match` names the page's tag.
  ///
  /// The change count is read before `draw` reads the vault, so a page is never kept under a
  /// count newer than what it shows (see ``PageCache``).
  func kept(_ request: Request, draw: () async throws -> DrawnPage) async throws -> Response {
    let key = PageCache.Key(target: request.uri.description, json: request.prefersJSON)
    guard let changeCount = vault.changeCount() else {
      return try await draw().response(to: request)
    }
    if let page = cache.page(for: key, changeCount: changeCount) {
      return page.response(to: request)
    }
    let page = try await draw()
    cache.keep(page, for: key, changeCount: changeCount)
    return page.response(to: request)
  }

  // MARK: - /

  func overview(_ request: Request) async throws -> DrawnPage {
    let accounts = try await vault.read { store in
      try store.accountStates().map { AccountOverview(AccountStatus($0)) }
    }
    if request.prefersJSON { return .json(try ResultJSON.bytes(accounts)) }
    return pages.page("overview", OverviewModel(accounts), title: "Accounts")
  }

  // MARK: - /accounts/{name}

  func timeline(_ request: Request, account name: String) async throws -> DrawnPage {
    let changesOnly = try !request.flagParameter("all")
    let before = try request.snapshotIDParameter("before")
    let after = try request.snapshotIDParameter("after")
    if before != nil && after != nil {
      throw WebError.badRequest("give before= or after=, not both")
    }
    let page: TimelinePage
    do {
      page = try await TimelinePage.read(
        account: name, before: before, after: after, limit: options.pageSize,
        changesOnly: changesOnly, vault: vault)
    } catch let error as VaultStoreError where error.isSnapshotNotFound(before ?? after) {
      let cursor = before.map { "before=\($0)" } ?? after.map { "after=\($0)" } ?? ""
      throw WebError.badRequest("\(cursor) names no snapshot: follow the page links")
    }
    let links = TimelineLinks(
      account: name, changesOnly: changesOnly, newer: page.newerCursor, older: page.olderCursor,
      isFirstPage: before == nil && after == nil)
    if request.prefersJSON {
      var extra = HTTPFields()
      if let header = links.header, let link = HTTPField.Name("Link") { extra[link] = header }
      return .json(try ResultJSON.bytes(page.entries), extra: extra)
    }
    return pages.timeline(TimelineModel(page: page, links: links), title: "\(name): history")
  }

  // MARK: - /snapshots/{id}

  func snapshot(_ request: Request, id: Int64) async throws -> DrawnPage {
    let snapshot = try await vault.workflows.snapshot(id)
    let (info, menu) = (snapshot.info, snapshot.menu)
    if request.prefersJSON {
      return .json(
        JSONBody.bytes(document: menu.document, inactive: menu.menuSet.inactiveConditionalMenus))
    }
    let (previous, next) = try await vault.read { store in
      (
        try store.history(account: info.account, before: id, limit: 1).first?.id,
        try store.history(account: info.account, after: id, limit: 1).first?.id
      )
    }
    let model = SnapshotModel(
      snapshot: snapshot, phone: pages.phone(PhoneView(menu, platform: info.platform)),
      previousChange: previous, nextChange: next,
      rollbackHref: options.allowPublish ? "/snapshots/\(id)/rollback" : nil)
    return pages.page("snapshot", model, title: "Snapshot #\(id)")
  }

  // MARK: - /compare

  func compare(_ request: Request) async throws -> DrawnPage {
    guard let from = try request.snapshotIDParameter("from"),
      let to = try request.snapshotIDParameter("to")
    else {
      throw WebError.badRequest("compare needs from= and to=: two snapshot ids")
    }
    let comparison = try await vault.workflows.compare(from: from, to: to)
    if request.prefersJSON { return .json(try ResultJSON.bytes(comparison.diff.changes)) }
    return pages.page(
      "compare", CompareModel(comparison, pages: pages), title: "Compare #\(from) → #\(to)")
  }
}
