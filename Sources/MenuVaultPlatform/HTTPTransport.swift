import Foundation

/// Carries the clients' HTTP exchanges: one request out, one response back.
///
/// ``CurlTransport`` (libcurl, loaded on first use) is the default. A server application gives its
/// own HTTP client instead, through ``ClientOptions/transport``, so that the menu calls share its
/// connection pool and event loops:
///
/// ```swift
/// struct AppTransport: HTTPTransport {
///   let client: HTTPClient  // AsyncHTTPClient
///
///   func send(_ request: HTTPTransportRequest) async throws(PlatformError)
///     -> HTTPTransportResponse
///   {
///     // Send `request`, collect the body, and map the client's errors to the cases below.
///   }
/// }
/// let options = ClientOptions(transport: AppTransport(client: client))
/// ```
///
/// A transport sends exactly what it is given and returns every complete answer, whatever its
/// HTTP status: the clients read the platforms' error bodies themselves, and retry, refresh the
/// token and scrub credentials around the transport. It follows no redirects and does not retry.
/// When no complete answer arrives it throws the ``PlatformError`` that says why, with
/// ``HTTPTransportRequest/endpoint`` as the endpoint, because that case decides whether the call
/// is tried again (``PlatformError/allowsRetry(idempotent:)``):
///
/// - ``PlatformError/timedOut(endpoint:seconds:)``: no complete answer within
///   ``HTTPTransportRequest/timeout``. Retried, unless the request must not arrive twice.
/// - ``PlatformError/connectionLost(endpoint:reason:)``: the connection broke after the request
///   was, or may have been, sent. Retried, unless the request must not arrive twice.
/// - ``PlatformError/unreachable(endpoint:reason:)``: the request was not sent (unknown host,
///   refused connection, TLS failure). Not retried.
/// - ``PlatformError/invalidResponse(endpoint:byteCount:reason:)``: the answer cannot be used
///   (a body too large to keep).
///
/// The request's URL and body carry credentials (the `access_token` query parameter, an app
/// secret, a Weibo token form field), and so may an error's `reason` text: the clients scrub
/// what a transport throws, but a transport that logs or records requests itself must scrub them
/// first (``Redactor/scrub(_:)``).
public protocol HTTPTransport: Sendable {
  /// Sends `request` and returns the response's status and exact body bytes.
  /// - Throws: the ``PlatformError`` that says why no complete answer arrived (see
  ///   ``HTTPTransport``); never for an HTTP error status.
  func send(_ request: HTTPTransportRequest) async throws(PlatformError) -> HTTPTransportResponse
}

/// One request as a client hands it to its ``HTTPTransport``, credentials included.
public struct HTTPTransportRequest: Sendable {
  /// `GET` or `POST`.
  public var method: String
  /// The full URL, query included: for WeChat the `access_token` parameter is in it.
  public var url: URL
  /// The header fields to send, in order, as name and value (`Accept: application/json`, and
  /// `Content-Type` when there is a body). A transport may add its own (`Host`,
  /// `Content-Length`, `User-Agent`).
  public var headers: [(name: String, value: String)]
  /// The body to send exactly as given; `nil` for a GET.
  public var body: [UInt8]?
  /// How long the whole exchange may take, from sending to the last body byte
  /// (``ClientOptions/timeout``).
  public var timeout: Duration
  /// The API path the request is for (`cgi-bin/menu/get`): the endpoint to name in a thrown
  /// ``PlatformError``.
  public var endpoint: String

  /// Creates a request.
  public init(
    method: String, url: URL, headers: [(name: String, value: String)] = [],
    body: [UInt8]? = nil, timeout: Duration, endpoint: String
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
    self.endpoint = endpoint
  }

  /// The value of the first header field named `name` (compared case-insensitively), if any.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// What came back from one HTTP exchange: the status and the body exactly as received.
public struct HTTPTransportResponse: Sendable, Equatable {
  /// The HTTP status code (200, 404, 503, ...).
  public var status: Int
  /// The body bytes exactly as received, after any transfer or content encoding is undone.
  public var body: [UInt8]

  /// Creates a response.
  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}
