import Foundation
import HTTPTypes
import Hummingbird
import MenuVault

/// The pages that only read the vault: the accounts, an account's timeline, a snapshot (drawn,
/// raw and canonical), a comparison, and the stylesheet and script. Each answers a page, or the
/// command line's `--json` output when asked for JSON.
struct ReadRoutes: Sendable {
  let vault: VaultReader
  let pages: Pages
  let options: WebServerOptions

  func register(on router: Router<some RequestContext>) {
    router.get("/") { request, _ in try await overview(request) }
    router.get("/accounts/:name") { request, context in
      try await timeline(request, account: context.pathParameter("name") ?? "")
    }
    router.get("/snapshots/:id") { request, context in
      try await snapshot(request, id: context.snapshotID())
    }
    router.get("/snapshots/:id/raw") { _, context in
      let id = try context.snapshotID()
      return Response.bytes(
        try await vault.read { try $0.rawBytes(snapshotID: id) }, contentType: "application/json")
    }
    router.get("/snapshots/:id/canonical") { _, context in
      let id = try context.snapshotID()
      return Response.bytes(
        try await vault.read { try $0.canonicalBytes(snapshotID: id) },
        contentType: "application/json")
    }
    router.get("/compare") { request, _ in try await compare(request) }
    router.get(RouterPath(Assets.stylesheetPath)) { _, _ in
      Response.bytes(Assets.stylesheet, contentType: "text/css; charset=utf-8", cacheable: true)
    }
    router.get(RouterPath(Assets.scriptPath)) { _, _ in
      Response.bytes(Assets.script, contentType: "text/javascript; charset=utf-8", cacheable: true)
    }
  }

  // MARK: - /

  func overview(_ request: Request) async throws -> Response {
    let accounts = try await vault.read { store in
      try store.accountStates().map { AccountOverview(AccountStatus($0)) }
    }
    if request.prefersJSON { return .json(try ResultJSON.bytes(accounts)) }
    return pages.response("overview", OverviewModel(accounts), title: "Accounts")
  }

  // MARK: - /accounts/{name}

  func timeline(_ request: Request, account name: String) async throws -> Response {
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
      var response = Response.json(try ResultJSON.bytes(page.entries))
      if let header = links.header, let link = HTTPField.Name("Link") {
        response.headers[link] = header
      }
      return response
    }
    return pages.timeline(TimelineModel(page: page, links: links), title: "\(name): history")
  }

  // MARK: - /snapshots/{id}

  func snapshot(_ request: Request, id: Int64) async throws -> Response {
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
    return pages.response("snapshot", model, title: "Snapshot #\(id)")
  }

  // MARK: - /compare

  func compare(_ request: Request) async throws -> Response {
    guard let from = try request.snapshotIDParameter("from"),
      let to = try request.snapshotIDParameter("to")
    else {
      throw WebError.badRequest("compare needs from= and to=: two snapshot ids")
    }
    let comparison = try await vault.workflows.compare(from: from, to: to)
    if request.prefersJSON { return .json(try ResultJSON.bytes(comparison.diff.changes)) }
    return pages.response(
      "compare", CompareModel(comparison, pages: pages), title: "Compare #\(from) → #\(to)")
  }
}
