import Foundation
import Hummingbird
import MenuVault

/// The only routes that change anything, registered only with `--allow-publish`: a confirmation
/// page that pulls the live menu and shows the diff to the target (`GET
/// /snapshots/{id}/rollback`), and the form that confirms it (`POST`), which runs the library's
/// rollback and shows each step and the outcome.
///
/// The server's vault is only read; these routes open the vault file a second time, for
/// writing, for the length of one request (a pull records the live menu; a rollback records its
/// operation and snapshots), and close it again.
struct RollbackRoutes: Sendable {
  let vault: VaultReader
  let pages: Pages
  /// Where the accounts' credentials are found (the process environment for `menuvault serve`);
  /// they reach the platform clients only, never a page or the log.
  let credentials: CredentialVariables
  let token: CSRFToken
  /// Checks that the confirmation page is asked for from this server's own pages.
  let guardian: RequestGuard<BasicRequestContext>

  func register(on router: Router<some RequestContext>) {
    router.get("/snapshots/:id/rollback") { request, context in
      try await confirm(request, id: context.snapshotID())
    }
    router.post("/snapshots/:id/rollback") { request, context in
      try await rollback(request, id: context.snapshotID())
    }
  }

  // MARK: - GET: the plan

  func confirm(_ request: Request, id: Int64) async throws -> Response {
    // Drawing the page pulls the live menu: another site's link or image must not trigger it.
    try guardian.requireOwnNavigation(request)
    let target = try await vault.workflows.snapshot(id)
    try await refuseIfLocked(target.info.account)
    let plan = try await withWritableVault { workflows in
      let (account, api) = try await client(for: target, workflows: workflows)
      return try await planning {
        try await workflows.plan(
          PublishRequest(rollingBackTo: target, holder: Self.holder), account: account, api: api)
      }
    }
    return try confirmation(request, target: target, plan: plan, message: nil, status: .ok)
  }

  /// The confirmation page (or its JSON) for `plan`.
  private func confirmation(
    _ request: Request, target: SnapshotMenu, plan: PublishPlan, message: String?,
    status: HTTPResponse.Status
  ) throws -> Response {
    if request.prefersJSON {
      return .json(
        try ResultJSON.bytes(RollbackPlanBody(target: target, plan: plan)), status: status)
    }
    let model = try RollbackConfirmModel(
      target: target, plan: plan, token: token.value, message: message, pages: pages)
    return pages.response(
      "rollback-confirm", model, title: "Roll back to #\(target.info.id)", status: status)
  }

  // MARK: - POST: the rollback

  func rollback(_ request: Request, id: Int64) async throws -> Response {
    let form = try await RollbackForm(request)
    guard token.matches(form.csrfToken) else { throw WebError.badToken }
    guard let liveHash = form.liveHash, let targetHash = form.targetHash else {
      throw WebError.badRequest(
        "the form lacks live_hash and target_hash: open the confirmation page again")
    }
    let target = try await vault.workflows.snapshot(id)
    let steps = StepLog()
    let outcome: RollbackOutcome = try await withWritableVault { workflows in
      let (account, api) = try await client(for: target, workflows: workflows)
      do {
        // What the person confirmed: this live menu, replaced by this menu; the library
        // refuses when either changed since.
        let request = PublishRequest(
          rollingBackTo: target, holder: Self.holder,
          confirmed: ConfirmedPlan(liveHash: liveHash, menuHash: targetHash))
        let result = try await planning {
          try await workflows.publish(
            request, account: account, api: api, confirm: { _ in true },
            progress: { steps.append($0.description) })
        }
        return .finished(result)
      } catch WorkflowError.liveChangedSinceConfirmation(let change) {
        return .changed(change.plan)
      } catch WorkflowError.failed(let failure) {
        let operation = try await vault.read { try $0.operation(id: failure.operationID) }
        return .failed(failure, operation: operation.map(OperationSummary.init))
      }
    }
    switch outcome {
    case .changed(let plan):
      return try confirmation(
        request, target: target, plan: plan,
        message: "The live menu changed after the confirmation page was drawn, so nothing was "
          + "sent. This is the diff from what is live now; confirm again to roll back.",
        status: .conflict)
    case .finished(let result):
      return try resultPage(
        request, target: target, result: RollbackResult(result, steps: steps.lines))
    case .failed(let failure, let operation):
      return try resultPage(
        request, target: target,
        result: RollbackResult(failure: failure, operation: operation, steps: steps.lines))
    }
  }

  private func resultPage(_ request: Request, target: SnapshotMenu, result: RollbackResult)
    throws -> Response
  {
    if request.prefersJSON { return .json(try ResultJSON.bytes(result), status: result.httpStatus) }
    return pages.response(
      "rollback-result", RollbackResultModel(target: target, result: result),
      title: "Rollback to #\(target.info.id)", status: result.httpStatus)
  }

  // MARK: - Support

  /// Who holds the account's lock while a rollback from this server runs.
  static var holder: String {
    "pid \(ProcessInfo.processInfo.processIdentifier) on \(ProcessInfo.processInfo.hostName) "
      + "(menuvault serve)"
  }

  /// A 423 page when another operation holds the account's lock, before pulling anything.
  private func refuseIfLocked(_ account: String) async throws {
    if let pending = try await vault.read({ try $0.pendingOperation(account: account) }) {
      throw WebError.locked(OperationSummary(pending))
    }
  }

  /// The account of `target` and its menu API, built from the server's credentials.
  private func client(for target: SnapshotMenu, workflows: Workflows) async throws
    -> (Account, any MenuAPI)
  {
    let account = try await workflows.account(named: target.info.account)
    do {
      return (account, try account.menuAPI(credentials: credentials))
    } catch let error as AccountClientError {
      throw WebError(
        status: .serviceUnavailable, title: "No credentials",
        message: (error.errorDescription ?? "the account has no credentials")
          + "; start menuvault serve with the variable set")
    }
  }

  /// Runs a plan or publish, turning the refusals a person can act on into pages.
  private func planning<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as WorkflowError {
      switch error {
      case .failed, .liveChangedSinceConfirmation:
        throw error
      case .notPublishable, .lossyRefused, .noDefaultMenu, .invalidMediaMap, .mediaMapPathUnused,
        .noSnapshot:
        let hint =
          if case .lossyRefused = error {
            "; the command line can roll back anyway: menuvault rollback with --allow-lossy"
          } else { "" }
        throw WebError(
          status: .unprocessableContent, title: "Cannot roll back",
          message: (error.errorDescription ?? "\(error)") + hint)
      case .liveChangedSincePlan:
        throw WebError(
          status: .conflict, title: "The live menu changed",
          message: (error.errorDescription ?? "\(error)")
            + "; open the confirmation page again to see the new diff")
      case .unreadableLive, .readBackMismatch:
        throw WebError(
          status: .badGateway, title: "Platform error",
          message: error.errorDescription ?? "\(error)")
      }
    } catch let error as PlatformError {
      throw WebError(status: .badGateway, title: "Platform error", message: error.description)
    }
  }

  /// Runs `body` with a writable vault on the server's file, opened for this request and closed
  /// after it (an in-memory vault is used as it is).
  private func withWritableVault<T: Sendable>(_ body: (Workflows) async throws -> T) async throws
    -> T
  {
    guard let path = vault.store.path else { return try await body(vault.workflows) }
    guard FileManager.default.fileExists(atPath: path) else {
      throw WebError(
        status: .internalServerError, title: "Vault missing",
        message: "the vault \(path) is no longer there; nothing was changed")
    }
    let store = try await vault.read { _ in try VaultStore.open(path: path) }
    do {
      let value = try await body(Workflows(store: store))
      try? store.close()
      return value
    } catch {
      try? store.close()
      throw error
    }
  }
}

/// How a confirmed rollback ended, before it is drawn.
private enum RollbackOutcome: Sendable {
  case finished(PublishResult)
  case changed(PublishPlan)
  case failed(OperationFailure, operation: OperationSummary?)
}

/// The fields of a posted `application/x-www-form-urlencoded` form.
///
/// The confirmation page's form (its hidden inputs), read by Hummingbird's `URLEncodedFormDecoder`;
/// a field the form lacks is `nil`.
struct RollbackForm: Decodable, Equatable {
  /// The server's CSRF token, as the confirmation page wrote it.
  var csrfToken: String?
  /// The hash of the live menu the person saw on the confirmation page.
  var liveHash: String?
  /// The hash of the menu the person confirmed sending.
  var targetHash: String?

  enum CodingKeys: String, CodingKey {
    case csrfToken = "csrf_token"
    case liveHash = "live_hash"
    case targetHash = "target_hash"
  }
}

extension RollbackForm {
  /// Reads the body of `request` (at most 64 KiB).
  init(_ request: Request) async throws {
    let body = try await request.body.collect(upTo: 64 * 1024)
    try self.init(String(buffer: body))
  }

  /// Decodes `csrf_token=...&live_hash=...&target_hash=...` as a browser encodes it; a 400 when
  /// the text is no such form (a field given twice, an escape that is not one).
  init(_ text: String) throws {
    do {
      self = try URLEncodedFormDecoder().decode(Self.self, from: text)
    } catch let error as URLEncodedFormError {
      throw WebError.badRequest(
        "the form cannot be read (\(error)): open the confirmation page again")
    } catch {
      throw WebError.badRequest("the form cannot be read: open the confirmation page again")
    }
  }
}
