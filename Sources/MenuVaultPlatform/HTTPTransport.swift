import CCurlTransport
import Foundation

/// One HTTP request the clients send, before the access token is added.
struct PlatformRequest: Sendable {
  /// `GET` or `POST`.
  var method: String
  /// The path under the base URL (`cgi-bin/menu/get`); also the name errors use.
  var endpoint: String
  /// Query parameters besides the access token.
  var query: [(String, String)] = []
  /// The body, for a POST.
  var body: [UInt8]?
  /// The body's content type.
  var contentType: String?
  /// Whether sending it twice is harmless; when not, a timeout or lost connection (after which
  /// the server may have acted) is not retried.
  var isIdempotent = true
}

/// What came back from one HTTP exchange.
struct HTTPExchange: Sendable {
  var status: Int
  var bytes: [UInt8]
}

/// Sends requests with libcurl and turns transport failures into ``PlatformError``s.
///
/// libcurl is loaded on the first request (see `CCurlTransport`), not linked: FoundationNetworking
/// would load libcurl and the thirty libraries it links at the start of every command, even of
/// those that never talk to a platform (measured: `menuvault --version` 11.4 ms linked, 4.4 ms
/// not).
struct HTTPTransport: Sendable {
  let timeout: Duration

  /// The largest response body kept; a menu response is a few kilobytes.
  static let maximumBodyBytes = 16 << 20

  init(timeout: Duration) {
    self.timeout = timeout
  }

  /// The URL of `request` under `baseURL`, with `query` percent-encoded strictly.
  static func url(baseURL: URL, endpoint: String, query: [(String, String)]) -> URL? {
    let base =
      baseURL.absoluteString.hasSuffix("/") ? baseURL.absoluteString : baseURL.absoluteString + "/"
    let text = query.isEmpty ? base + endpoint : base + endpoint + "?" + WireFormat.form(query)
    return URL(string: text)
  }

  /// Sends one request and returns the status and the exact body bytes. The exchange runs on a
  /// thread of its own (libcurl blocks), within the timeout.
  func send(method: String, url: URL, body: [UInt8]?, contentType: String?, endpoint: String)
    async throws(PlatformError) -> HTTPExchange
  {
    let headers =
      ["Accept: application/json"]
      + (body == nil ? [] : ["Content-Type: \(contentType ?? "application/json")"])
    let milliseconds = max(1, Int((timeout.platformTimeInterval * 1000).rounded(.up)))
    let target = url.absoluteString
    let result: Result<HTTPExchange, PlatformError> = await withCheckedContinuation {
      continuation in
      // Not on a shared queue: on Linux Swift's concurrency runs on Dispatch's global pool,
      // one thread per core, and a blocked exchange there stalls every task (a sandbox in the
      // same process too) until Dispatch adds threads, which takes seconds.
      Thread.detachNewThread {
        continuation.resume(
          returning: Self.perform(
            method: method, url: target, body: body, headers: headers,
            timeoutMilliseconds: milliseconds, endpoint: endpoint,
            seconds: timeout.platformTimeInterval))
      }
    }
    return try result.get()
  }

  /// One blocking exchange through libcurl.
  private static func perform(
    method: String, url: String, body: [UInt8]?, headers: [String], timeoutMilliseconds: Int,
    endpoint: String, seconds: Double
  ) -> Result<HTTPExchange, PlatformError> {
    var response = mv_http_response()
    let cHeaders = headers.map { strdup($0) }
    defer { cHeaders.forEach { free($0) } }
    let headerPointers: [UnsafePointer<CChar>?] = cHeaders.map { $0.map { UnsafePointer($0) } }
    headerPointers.withUnsafeBufferPointer { headerBuffer in
      let send = { (bodyBase: UnsafePointer<UInt8>?, bodyCount: Int) in
        mv_http_perform(
          method, url, bodyBase, bodyCount, headerBuffer.baseAddress, headerBuffer.count,
          timeoutMilliseconds, maximumBodyBytes, &response)
      }
      if let body {
        body.withUnsafeBufferPointer { send($0.baseAddress, $0.count) }
      } else {
        send(nil, 0)
      }
    }
    defer { mv_http_response_free(&response) }
    let reason = withUnsafeBytes(of: response.message) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    switch response.outcome {
    case mv_http_completed:
      let bytes =
        response.body.map { [UInt8](UnsafeBufferPointer(start: $0, count: response.body_length)) }
        ?? []
      return .success(HTTPExchange(status: response.status, bytes: bytes))
    case mv_http_timed_out:
      return .failure(.timedOut(endpoint: endpoint, seconds: seconds))
    case mv_http_connection_lost:
      return .failure(.connectionLost(endpoint: endpoint, reason: reason))
    case mv_http_no_library:
      return .failure(.httpLibraryMissing(reason: reason))
    case mv_http_too_large:
      return .failure(
        .invalidResponse(endpoint: endpoint, byteCount: maximumBodyBytes, reason: reason))
    default:
      return .failure(.unreachable(endpoint: endpoint, reason: reason))
    }
  }
}
