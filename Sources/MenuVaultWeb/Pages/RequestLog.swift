import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path (without the query), status and duration. Never a
/// header, a query or a body, so never a token.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
  let logger: Logger

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      log(request, status: response.status.code, since: start)
      return response
    } catch {
      let status = (error as? any HTTPResponseError)?.status.code ?? 500
      log(request, status: status, since: start)
      throw error
    }
  }

  private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    logger.info(
      "\(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.1f", milliseconds)) ms"
    )
  }
}
