import HTTPTypes
import Hummingbird

/// Refuses, before any route runs, a request that does not name this server in its `Host`
/// header (421: a page of another site that a DNS rebinding pointed at 127.0.0.1), and a POST
/// that does not come from one of this server's own pages (403: no same-origin `Origin` or
/// `Referer`, or a browser that says the request is cross-site). The CSRF token in the form
/// is checked by the route that reads the form.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
  let address: BoundAddress

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    // HTTP/1 puts the first Host header in the authority; any further one stays a header.
    let named = [request.head.authority].compactMap { $0 } + request.headers[values: .hostHeader]
    guard !named.isEmpty, named.allSatisfy(address.accepts(authority:)) else {
      throw WebError.misdirected(host: named.first, address: address)
    }
    if !Self.safeMethods.contains(request.method) {
      try checkOrigin(request)
    }
    return try await next(request, context)
  }

  /// The methods that change nothing and so need no same-origin proof.
  private static var safeMethods: Set<HTTPRequest.Method> { [.get, .head, .options] }

  /// Refuses a request a browser says another site made (`Sec-Fetch-Site: cross-site` or
  /// `same-site`); a typed address or a bookmark (`none`) and this server's pages pass. For a
  /// GET with an effect: the rollback confirmation pulls the live menu.
  static func refuseCrossSite(_ request: Request) throws {
    if let site = request.headers[.secFetchSite], site == "cross-site" || site == "same-site" {
      throw WebError.crossSite("the browser says this request came from another site (\(site))")
    }
  }

  /// Refuses a GET with an effect (the rollback confirmation pulls the live menu with the
  /// account's credentials) unless it comes from this server's own pages or was typed: the
  /// browser says `same-origin` or `none`, or, from a browser that does not say, a same-origin
  /// `Referer`. Another site's link or image never triggers the pull.
  func requireOwnNavigation(_ request: Request) throws {
    if let site = request.headers[.secFetchSite] {
      guard site == "same-origin" || site == "none" else {
        throw WebError.crossSite("the browser says this request came from another site (\(site))")
      }
      return
    }
    guard let referer = request.headers[.referer], address.accepts(referer: referer) else {
      throw WebError.crossSite(
        "it does not come from a page of this server: open it from the snapshot's page")
    }
  }

  private func checkOrigin(_ request: Request) throws {
    try Self.refuseCrossSite(request)
    if let origin = request.headers[.origin] {
      guard address.accepts(origin: origin) else {
        throw WebError.crossSite("its Origin \(origin) is not this server")
      }
      return
    }
    if let referer = request.headers[.referer] {
      guard address.accepts(referer: referer) else {
        throw WebError.crossSite("its Referer is not a page of this server")
      }
      return
    }
    throw WebError.crossSite("it has neither an Origin nor a Referer header")
  }
}

extension HTTPField.Name {
  /// `Sec-Fetch-Site` (Fetch Metadata): where the browser says a request came from.
  static let secFetchSite = HTTPField.Name(constant: "Sec-Fetch-Site")

  /// A `Host` header field: HTTP/1 moves the first one into the request's authority, so any
  /// further one stays a field. (HTTPTypes' own `.host` is unavailable for that reason.)
  static let hostHeader = HTTPField.Name(constant: "Host")

  /// A field name written in the source: a typo stops the server the first time the name is
  /// used (every request reads these) instead of making a check read some other header.
  private init(constant name: String) {
    guard let valid = HTTPField.Name(name) else {
      preconditionFailure("not an HTTP field name: \(name)")
    }
    self = valid
  }
}
