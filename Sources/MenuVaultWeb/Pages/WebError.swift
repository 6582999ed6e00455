import Hummingbird
import MenuVault

/// Why a request is answered with an error page (or the same facts as JSON): what went wrong in
/// one lowercase line, and what exists instead when something was not found.
struct WebError: Error, Sendable {
  /// The response status.
  var status: HTTPResponse.Status
  /// The page's heading.
  var title: String
  /// What went wrong and what to do, one lowercase line.
  var message: String
  /// For an unknown account: the accounts that exist.
  var accounts: [String]?
  /// For an unknown snapshot: whether to say which ids exist (looked up when the page is drawn).
  var listsSnapshotIDs = false
  /// For a locked account: the operation holding the lock.
  var lock: OperationSummary?

  /// 400: a query parameter that cannot be read.
  static func badRequest(_ message: String) -> WebError {
    WebError(status: .badRequest, title: "Bad request", message: message)
  }

  /// 404: no page at this path.
  static func noPage(_ path: String) -> WebError {
    WebError(
      status: .notFound, title: "Not found",
      message: "there is no page at \(path); the accounts are listed below", accounts: [])
  }

  /// 404: no snapshot with this id.
  static func noSnapshot(_ id: String) -> WebError {
    WebError(
      status: .notFound, title: "No such snapshot",
      message: "no snapshot has id \(id); check the id against an account's history",
      listsSnapshotIDs: true)
  }

  /// 421: the `Host` header does not name this server.
  static func misdirected(host: String?, address: BoundAddress) -> WebError {
    let named = host.map { "'\($0)'" } ?? "no host"
    let expected = address.url ?? "the address it printed when it started"
    return WebError(
      status: .misdirectedRequest, title: "Wrong host",
      message: "this server answers only to \(expected) (or localhost, 127.0.0.1 and [::1] on "
        + "its port); the request named \(named)")
  }

  /// 403: a POST that does not come from one of this server's pages.
  static func crossSite(_ reason: String) -> WebError {
    WebError(
      status: .forbidden, title: "Refused",
      message: "a change must be confirmed on this server's own page: \(reason)")
  }

  /// 403: a form without this process's token.
  static var badToken: WebError {
    WebError(
      status: .forbidden, title: "Refused",
      message: "the form's token is missing or is not this server's (it changes each time "
        + "the server starts): open the confirmation page again")
  }

  /// 423: the account's lock is held.
  static func locked(_ operation: OperationSummary) -> WebError {
    WebError(
      status: HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), title: "Account locked",
      message: "account '\(operation.account)' is locked: \(operation.lockLine); wait for it, "
        + "or clear the lock with `menuvault unlock --account \(operation.account)` if its "
        + "process died",
      lock: operation)
  }

  /// The error page for a vault error, or `nil` when it is not one a page explains.
  static func from(_ error: VaultStoreError) -> WebError? {
    switch error {
    case .accountNotFound(let name):
      return WebError(
        status: .notFound, title: "No such account",
        message: "no account is named '\(name)'; the vault's accounts are listed below",
        accounts: [])
    case .snapshotNotFound(let id), .rollbackTargetNotFound(let id):
      return noSnapshot(String(id))
    case .operationPending(let operation):
      return locked(OperationSummary(operation))
    default:
      return nil
    }
  }
}
