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
    // FoundationNetworking rounds timeouts down to whole seconds (0.5 s fails at once), so the
    // session's own timeouts are only a backstop; ``send`` enforces the exact one.
    configuration.timeoutIntervalForRequest = Self.backstop(timeout)
    configuration.timeoutIntervalForResource = Self.backstop(timeout)
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    self.session = URLSession(configuration: configuration)
    self.timeout = timeout
  }

  /// The URL of `request` under `baseURL`, with `query` percent-encoded strictly.
  static func url(baseURL: URL, endpoint: String, query: [(String, String)]) -> URL? {
    let base =
      baseURL.absoluteString.hasSuffix("/") ? baseURL.absoluteString : baseURL.absoluteString + "/"
    let text = query.isEmpty ? base + endpoint : base + endpoint + "?" + WireFormat.form(query)
    return URL(string: text)
  }

  /// Sends one request and returns the status and the exact body bytes.
  func send(method: String, url: URL, body: [UInt8]?, contentType: String?, endpoint: String)
    async throws(PlatformError) -> HTTPExchange
  {
    var prepared = URLRequest(url: url)
    prepared.httpMethod = method
    prepared.timeoutInterval = Self.backstop(timeout)
    prepared.setValue("application/json", forHTTPHeaderField: "Accept")
    if let body {
      prepared.httpBody = Data(body)
      prepared.setValue(contentType ?? "application/json", forHTTPHeaderField: "Content-Type")
    }
    let session = self.session
    let limit = timeout
    let request = prepared
    do {
      let exchange = try await withThrowingTaskGroup(of: HTTPExchange?.self) { group in
        group.addTask {
          let (data, response) = try await session.data(for: request)
          let status = (response as? HTTPURLResponse)?.statusCode ?? 0
          return HTTPExchange(status: status, bytes: [UInt8](data))
        }
        group.addTask {
          try await Task.sleep(for: limit)
          return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
      }
      guard let exchange else { throw URLError(.timedOut) }
      return exchange
    } catch let error as URLError {
      throw classify(error, endpoint: endpoint)
    } catch {
      throw .unreachable(endpoint: endpoint, reason: error.localizedDescription)
    }
  }

  /// The session's backstop timeout: whole seconds, one more than asked.
  private static func backstop(_ timeout: Duration) -> TimeInterval {
    (timeout.platformTimeInterval + 1).rounded(.up)
  }

  private func classify(_ error: URLError, endpoint: String) -> PlatformError {
    switch error.code {
    case .timedOut:
      return .timedOut(endpoint: endpoint, seconds: timeout.platformTimeInterval)
    // FoundationNetworking reports a body cut short ("transfer closed with N bytes remaining")
    // as an unknown error.
    case .networkConnectionLost, .badServerResponse, .cannotParseResponse,
      .zeroByteResource, .cannotDecodeRawData, .cannotDecodeContentData, .unknown:
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
