import Hummingbird
import MenuVault
import Mustache

/// Turns whatever a route throws into an error page, or its facts as JSON: a ``WebError`` as it
/// says, an unknown account or snapshot as a 404 that lists what exists, a held lock as a 423
/// that names its holder, the router's "no route" as a 404, anything else as a 500.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
  let pages: Pages
  let vault: VaultReader

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      return await response(for: webError(error, path: request.uri.path), request: request)
    }
  }

  /// The error page (or JSON) for `error`.
  func response(for error: WebError, request: Request) async -> Response {
    // A refused Host is answered to whoever sent it, and a DNS rebinding makes that another
    // site's script: the reason alone, as text, with no layout (it names the vault's path).
    if error.status == .misdirectedRequest {
      return Response(
        status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: error.message + "\n")))
    }
    let details = await Details.read(for: error, from: vault)
    if request.prefersJSON {
      let body = ErrorBody(error: error, details: details)
      return .json(
        (try? ResultJSON.bytes(body)) ?? Array(#"{"error":"error"}"#.utf8), status: error.status)
    }
    return pages.response(
      "error", ErrorModel(error: error, details: details), title: error.title, status: error.status)
  }

  private func webError(_ error: any Error, path: String) -> WebError {
    switch error {
    case let error as WebError:
      return error
    case let error as VaultStoreError:
      return WebError.from(error)
        ?? WebError(
          status: .internalServerError, title: "Vault error",
          message: error.errorDescription ?? "\(error)")
    case let error as HTTPError where error.status == .notFound:
      return .noPage(path)
    case let error as HTTPError:
      return WebError(
        status: error.status, title: error.status.reasonPhrase,
        message: error.body ?? error.status.reasonPhrase.lowercased())
    default:
      return WebError(
        status: .internalServerError, title: "Internal error",
        message: "the page could not be drawn: \(error.localizedDescription)")
    }
  }

  /// What exists, looked up for an error that says something was not found.
  struct Details: Sendable {
    var accounts: [String]?
    var snapshotIDs: ClosedRange<Int64>?
    var looksUpSnapshotIDs = false

    static func read(for error: WebError, from vault: VaultReader) async -> Details {
      var details = Details()
      if error.accounts != nil {
        details.accounts = (try? await vault.read { try $0.accounts().map(\.name) }) ?? []
      }
      if error.listsSnapshotIDs {
        details.looksUpSnapshotIDs = true
        details.snapshotIDs = (try? await vault.read { try $0.snapshotIDRange() }) ?? nil
      }
      return details
    }
  }

  /// The error as JSON: `error`, `status`, and what exists.
  private struct ErrorBody: Encodable {
    var error: WebError
    var details: Details

    enum CodingKeys: String, CodingKey {
      case error, status, accounts, lock
      case snapshotIDs = "snapshot_ids"
    }

    struct IDRange: Encodable {
      var first: Int64
      var last: Int64
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(error.message, forKey: .error)
      try container.encode(error.status.code, forKey: .status)
      if let accounts = details.accounts { try container.encode(accounts, forKey: .accounts) }
      if details.looksUpSnapshotIDs {
        try container.encode(
          details.snapshotIDs.map { IDRange(first: $0.lowerBound, last: $0.upperBound) },
          forKey: .snapshotIDs)
      }
      if let lock = error.lock { try container.encode(lock, forKey: .lock) }
    }
  }

  /// What the error template reads.
  fileprivate struct ErrorModel {
    struct AccountLink {
      var name: String
      var href: String
    }

    struct IDRange {
      var first: Int64
      var last: Int64
    }

    var title: String
    var message: String
    var lock: OperationView?
    var accounts: [AccountLink]
    var hasAccounts: Bool
    var noAccounts: Bool
    var snapshotIDs: IDRange?
    var noSnapshots: Bool

    init(error: WebError, details: Details) {
      title = error.title
      message = error.message
      lock = error.lock.map(OperationView.init)
      accounts = (details.accounts ?? []).map { AccountLink(name: $0, href: Links.account($0)) }
      hasAccounts = !accounts.isEmpty
      noAccounts = details.accounts?.isEmpty ?? false
      snapshotIDs = details.snapshotIDs.map { IDRange(first: $0.lowerBound, last: $0.upperBound) }
      noSnapshots = details.looksUpSnapshotIDs && details.snapshotIDs == nil
    }
  }
}

// What error.mustache reads, by name, as every other page's model.

extension ErrorPages.ErrorModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": return title
    case "message": return message
    case "lock": return lock.section
    case "accounts": return accounts
    case "hasAccounts": return hasAccounts
    case "noAccounts": return noAccounts
    case "snapshotIDs": return snapshotIDs.section
    case "noSnapshots": return noSnapshots
    default: return nil
    }
  }
}

extension ErrorPages.ErrorModel.AccountLink: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": return self.name
    case "href": return href
    default: return nil
    }
  }
}

extension ErrorPages.ErrorModel.IDRange: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "first": return first
    case "last": return last
    default: return nil
    }
  }
}
