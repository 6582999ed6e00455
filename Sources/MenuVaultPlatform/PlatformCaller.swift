import Foundation
import Logging
import MenuVaultJSON

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

/// The outcome of one call after retries: the last exchange, and the failure it means, if any.
struct CallOutcome: Sendable {
  /// The last HTTP exchange.
  var exchange: HTTPTransportResponse
  /// The parsed body, when it parsed.
  var json: JSONValue?
  /// The last request, scrubbed.
  var request: RecordedRequest
  /// How many exchanges were made.
  var attempts: Int
  /// The failure the last exchange means (an API error, an HTTP status, an unreadable body).
  var failure: PlatformError?
}

/// How one platform reports failures inside a response.
protocol PlatformDialect: Sendable {
  /// The API error a parsed body or a status means, or `nil` when the exchange succeeded.
  func failure(status: Int, json: JSONValue?, endpoint: String) -> PlatformError?
}

/// Sends requests under a base URL through ``ClientOptions/transport``, retrying what
/// ``RetryPolicy`` allows, and logging scrubbed lines. Knows nothing about tokens: the clients add
/// them to the query or the body.
struct PlatformCaller: Sendable {
  let baseURL: URL
  let options: ClientOptions
  let dialect: any PlatformDialect

  init(baseURL: URL, options: ClientOptions, dialect: any PlatformDialect) {
    self.baseURL = baseURL
    self.options = options
    self.dialect = dialect
  }

  var redactor: Redactor { options.redactor }

  /// Logs `line` at `level`, scrubbed, with the endpoint and attempt as metadata; the line is
  /// built and scrubbed only when the logger takes that level.
  func log(
    _ level: Logger.Level, _ line: @autoclosure () -> String, endpoint: String? = nil,
    attempt: Int? = nil
  ) {
    options.logger.log(
      level: level, "\(redactor.scrub(line()))",
      metadata: {
        var metadata: Logger.Metadata = [:]
        if let endpoint { metadata["endpoint"] = "\(redactor.scrub(endpoint))" }
        if let attempt { metadata["attempt"] = "\(attempt)" }
        return metadata.isEmpty ? nil : metadata
      }())
  }

  /// The URL of `endpoint` under `baseURL`, with `query` percent-encoded strictly.
  static func url(baseURL: URL, endpoint: String, query: [(String, String)]) -> URL? {
    let base =
      baseURL.absoluteString.hasSuffix("/") ? baseURL.absoluteString : baseURL.absoluteString + "/"
    let text = query.isEmpty ? base + endpoint : base + endpoint + "?" + WireFormat.form(query)
    return URL(string: text)
  }

  /// Sends `request` with `query` (the token, for WeChat) and `body`, retrying retryable
  /// failures with backoff. Throws only transport failures that were not retried or ran out of
  /// attempts; API errors come back in ``CallOutcome/failure``.
  func send(_ request: PlatformRequest, extraQuery: [(String, String)] = [], body: [UInt8]? = nil)
    async throws(PlatformError) -> CallOutcome
  {
    let query = extraQuery + request.query
    let sentBody = body ?? request.body
    guard let url = Self.url(baseURL: baseURL, endpoint: request.endpoint, query: query)
    else {
      throw PlatformError.unreachable(
        endpoint: request.endpoint, reason: "the base URL \(baseURL.absoluteString) is not valid"
      ).scrubbed(by: redactor)
    }
    let recorded = RecordedRequest(
      method: request.method, url: redactor.scrub(url.absoluteString),
      body: sentBody.map { redactor.scrub(bytes: $0) } ?? [])
    let headers =
      [(name: "Accept", value: "application/json")]
      + (sentBody == nil
        ? [] : [(name: "Content-Type", value: request.contentType ?? "application/json")])
    let exchangeRequest = HTTPTransportRequest(
      method: request.method, url: url, headers: headers, body: sentBody,
      timeout: options.timeout, endpoint: request.endpoint)
    let maximum = options.retry.maximumAttempts
    var attempt = 0
    while true {
      attempt += 1
      let started = ContinuousClock.now
      let exchange: HTTPTransportResponse
      do {
        exchange = try await options.transport.send(exchangeRequest)
      } catch {
        let failure = error.scrubbed(by: redactor)
        options.onCall?(PlatformCall(endpoint: request.endpoint, status: nil, errorCode: nil))
        log(
          .warning, "\(request.method) \(recorded.url): attempt \(attempt): \(failure.description)",
          endpoint: request.endpoint, attempt: attempt)
        guard failure.allowsRetry(idempotent: request.isIdempotent), attempt < maximum else {
          throw failure
        }
        await pause(before: attempt + 1, endpoint: request.endpoint, because: failure)
        continue
      }
      let elapsed = ContinuousClock.now - started
      log(
        .debug,
        "\(request.method) \(recorded.url): attempt \(attempt): HTTP \(exchange.status), "
          + "\(exchange.body.count) bytes in \(Self.milliseconds(elapsed)) ms",
        endpoint: request.endpoint, attempt: attempt)
      let parsed = Result { () throws(JSONParseError) -> JSONValue in
        try JSONParser.parse(exchange.body)
      }
      let json = try? parsed.get()
      var failure = dialect.failure(status: exchange.status, json: json, endpoint: request.endpoint)
      if failure == nil, case .failure(let parseError) = parsed {
        failure = Self.unreadable(exchange.body, parseError, endpoint: request.endpoint)
      }
      failure = failure?.scrubbed(by: redactor)
      options.onCall?(
        PlatformCall(
          endpoint: request.endpoint, status: exchange.status,
          errorCode: failure.map { $0.wechatErrorCode ?? $0.weiboErrorCode }
            ?? (json == nil ? nil : 0)))
      if let failure, failure.allowsRetry(idempotent: request.isIdempotent), attempt < maximum {
        await pause(before: attempt + 1, endpoint: request.endpoint, because: failure)
        continue
      }
      return CallOutcome(
        exchange: exchange, json: json, request: recorded, attempts: attempt, failure: failure)
    }
  }

  private func pause(before attempt: Int, endpoint: String, because failure: PlatformError) async {
    let delay = options.retry.randomDelay(beforeAttempt: attempt)
    log(
      .notice,
      "\(endpoint): retrying in \(PlatformError.format(delay.timeInterval)) s "
        + "(attempt \(attempt) of \(options.retry.maximumAttempts)) after: \(failure.description)",
      endpoint: endpoint, attempt: attempt)
    try? await Task.sleep(for: delay)
  }

  /// The error for a body that did not parse: truncated when it ended inside the document.
  static func unreadable(_ bytes: [UInt8], _ error: JSONParseError, endpoint: String)
    -> PlatformError
  {
    switch error.reason {
    case .emptyInput:
      return .truncatedResponse(
        endpoint: endpoint, byteCount: bytes.count, reason: "the body holds no JSON at all")
    case .unexpectedEnd:
      return .truncatedResponse(
        endpoint: endpoint, byteCount: bytes.count,
        reason: "the JSON document stops in the middle (\(error.description)); "
          + "the response was cut short: try again")
    default:
      return .invalidResponse(
        endpoint: endpoint, byteCount: bytes.count, reason: "not JSON (\(error.description))")
    }
  }

  private static func milliseconds(_ duration: Duration) -> Int {
    Int((duration.timeInterval * 1000).rounded())
  }
}

extension PlatformCaller {
  /// Sends `request` with a token from `tokens` placed by `authorize`; when the server refuses
  /// the token, gets a replacement once and sends once more. Returns the outcome when it
  /// succeeded or failed in a way `accepting` allows, with the exchanges made in all; a refusal
  /// that stands is thrown naming where the credential came from
  /// (``AccessTokenProvider/attributed(_:)``).
  func sendAuthorized(
    _ request: PlatformRequest, tokens: AccessTokenProvider,
    accepting: (PlatformError) -> Bool,
    authorize: (String) -> (query: [(String, String)], body: [UInt8]?)
  ) async throws(PlatformError) -> (outcome: CallOutcome, attempts: Int) {
    var token = try await tokens.token()
    var attempts = 0
    var refreshed = false
    while true {
      let placed = authorize(token)
      let outcome = try await send(request, extraQuery: placed.query, body: placed.body)
      attempts += outcome.attempts
      guard let failure = outcome.failure, !accepting(failure) else {
        return (outcome, attempts)
      }
      // Forcing a new stable token only after 40001 and 42001 (see
      // `WeChatErrorCode.forcedRefreshTriggers`): it ends the token other systems hold.
      let forceRefresh =
        failure.wechatErrorCode.map(WeChatErrorCode.forcedRefreshTriggers.contains) ?? false
      if failure.isTokenRejection, !refreshed,
        let fresh = try await tokens.replacement(for: token, forceRefresh: forceRefresh)
      {
        log(
          .notice,
          "\(request.endpoint): the access token was refused (\(failure.description)); "
            + "trying once more with a new one", endpoint: request.endpoint)
        refreshed = true
        token = fresh
        continue
      }
      throw tokens.attributed(failure)
    }
  }
}
