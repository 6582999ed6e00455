import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

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

/// Sends requests with URLSession and turns transport failures into ``PlatformError``s.
struct HTTPTransport: Sendable {
  let session: URLSession
  let timeout: Duration

  init(timeout: Duration) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout.platformTimeInterval
    configuration.timeoutIntervalForResource = timeout.platformTimeInterval
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    self.session = URLSession(configuration: configuration)
    self.timeout = timeout
  }

  /// The URL of `request` under `baseURL`, with `query` percent-encoded strictly.
  static func url(baseURL: URL, endpoint: String, query: [(String, String)]) -> URL? {
    let base = baseURL.absoluteString.hasSuffix("/") ? baseURL.absoluteString : baseURL.absoluteString + "/"
    let text = query.isEmpty ? base + endpoint : base + endpoint + "?" + WireFormat.form(query)
    return URL(string: text)
  }

  /// Sends one request and returns the status and the exact body bytes.
  func send(method: String, url: URL, body: [UInt8]?, contentType: String?, endpoint: String)
    async throws(PlatformError) -> HTTPExchange
  {
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.timeoutInterval = timeout.platformTimeInterval
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    if let body {
      request.httpBody = Data(body)
      request.setValue(contentType ?? "application/json", forHTTPHeaderField: "Content-Type")
    }
    do {
      let (data, response) = try await session.data(for: request)
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      return HTTPExchange(status: status, bytes: [UInt8](data))
    } catch let error as URLError {
      throw classify(error, endpoint: endpoint)
    } catch {
      throw .unreachable(endpoint: endpoint, reason: error.localizedDescription)
    }
  }

  private func classify(_ error: URLError, endpoint: String) -> PlatformError {
    switch error.code {
    case .timedOut:
      return .timedOut(endpoint: endpoint, seconds: timeout.platformTimeInterval)
    case .networkConnectionLost, .badServerResponse, .cannotParseResponse,
      .zeroByteResource, .cannotDecodeRawData, .cannotDecodeContentData:
      return .connectionLost(endpoint: endpoint, reason: Self.reason(error))
    default:
      return .unreachable(endpoint: endpoint, reason: Self.reason(error))
    }
  }

  private static func reason(_ error: URLError) -> String {
    let text = error.localizedDescription
    return text.isEmpty ? "URL error \(error.code.rawValue)" : text
  }
}
