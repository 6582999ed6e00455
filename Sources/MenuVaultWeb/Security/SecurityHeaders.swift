import HTTPTypes
import Hummingbird

/// Adds the headers that keep every response, pages and errors and bytes alike, inert in a
/// browser: a strict Content-Security-Policy (only this server's stylesheet and script, no
/// frames, forms that post only here), `nosniff`, and a same-origin referrer policy.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  /// The policy: nothing from elsewhere, no inline script or style, never framed.
  static var contentSecurityPolicy: String {
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
    response.headers[.xContentTypeOptions] = "nosniff"
    if let referrerPolicy = HTTPField.Name("Referrer-Policy") {
      response.headers[referrerPolicy] = "same-origin"
    }
    if let frameOptions = HTTPField.Name("X-Frame-Options") {
      response.headers[frameOptions] = "DENY"
    }
    return response
  }
}
