import CCurlTransport
import Foundation

/// The default ``HTTPTransport``: sends requests with libcurl and turns its failures into
/// ``PlatformError``s.
///
/// libcurl is loaded on the first request (see `CCurlTransport`), not linked: FoundationNetworking
/// would load libcurl and the thirty libraries it links at the start of every command, even of
/// those that never talk to a platform (measured: `menuvault --version` 11.4 ms linked, 4.4 ms
/// not). Creating a `CurlTransport` loads nothing; when libcurl cannot be loaded, every request
/// throws ``PlatformError/httpLibraryMissing(reason:)``.
///
/// Each exchange blocks a thread of `BlockingWork`'s pool for at most the request's timeout. A
/// response body larger than 16 MiB is refused
/// (``PlatformError/invalidResponse(endpoint:byteCount:reason:)``); a menu response is a few
/// kilobytes.
public struct CurlTransport: HTTPTransport {
  /// The largest response body kept.
  static let maximumBodyBytes = 16 << 20

  /// Creates the transport; libcurl is loaded when the first request is sent.
  public init() {}

  /// Sends `request` through libcurl and returns the status and the exact body bytes.
  public func send(_ request: HTTPTransportRequest) async throws(PlatformError)
    -> HTTPTransportResponse
  {
    let headers = request.headers.map { "\($0.name): \($0.value)" }
    let seconds = request.timeout.timeInterval
    let milliseconds = max(1, Int((seconds * 1000).rounded(.up)))
    let target = request.url.absoluteString
    return try await BlockingWork.run { () throws(PlatformError) -> HTTPTransportResponse in
      try Self.perform(
        method: request.method, url: target, body: request.body, headers: headers,
        timeoutMilliseconds: milliseconds, endpoint: request.endpoint, seconds: seconds
      ).get()
    }
  }

  /// One blocking exchange through libcurl.
  private static func perform(
    method: String, url: String, body: [UInt8]?, headers: [String], timeoutMilliseconds: Int,
    endpoint: String, seconds: Double
  ) -> Result<HTTPTransportResponse, PlatformError> {
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
      return .success(HTTPTransportResponse(status: response.status, body: bytes))
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
