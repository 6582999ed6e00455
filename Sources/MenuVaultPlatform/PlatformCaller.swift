import Foundation
import MenuVaultJSON

/// The outcome of one call after retries: the last exchange, and the failure it means, if any.
struct CallOutcome: Sendable {
  /// The last HTTP exchange.
  var exchange: HTTPExchange
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

/// Sends requests under a base URL, retrying what ``RetryPolicy`` allows, and logging scrubbed
/// lines. Knows nothing about tokens: the clients add them to the query or the body.
struct PlatformCaller: Sendable {
  let baseURL: URL
  let transport: HTTPTransport
  let options: ClientOptions
  let dialect: any PlatformDialect

  init(baseURL: URL, options: ClientOptions, dialect: any PlatformDialect) {
    self.baseURL = baseURL
    self.transport = HTTPTransport(timeout: options.timeout)
    self.options = options
    self.dialect = dialect
  }

  var redactor: Redactor { options.redactor }

  /// Writes a scrubbed line to the log hook, if there is one.
  func log(_ line: @autoclosure () -> String) {
    guard let log = options.log else { return }
    log(redactor.scrub(line()))
  }

  /// Sends `request` with `query` (the token, for WeChat) and `body`, retrying retryable
  /// failures with backoff. Throws only transport failures that were not retried or ran out of
  /// attempts; API errors come back in ``CallOutcome/failure``.
  func send(_ request: PlatformRequest, extraQuery: [(String, String)] = [], body: [UInt8]? = nil)
    async throws(PlatformError) -> CallOutcome
  {
    let query = extraQuery + request.query
    let sentBody = body ?? request.body
    guard let url = HTTPTransport.url(baseURL: baseURL, endpoint: request.endpoint, query: query)
    else {
      throw PlatformError.unreachable(
        endpoint: request.endpoint, reason: "the base URL \(baseURL.absoluteString) is not valid"
      ).scrubbed(by: redactor)
    }
    let recorded = RecordedRequest(
      method: request.method, url: redactor.scrub(url.absoluteString),
      body: sentBody.map { redactor.scrub(bytes: $0) } ?? [])
    let maximum = options.retry.maximumAttempts
    var attempt = 0
    while true {
      attempt += 1
      let started = ContinuousClock.now
      let exchange: HTTPExchange
      do {
        exchange = try await transport.send(
          method: request.method, url: url, body: sentBody, contentType: request.contentType,
          endpoint: request.endpoint)
      } catch {
        let failure = error.scrubbed(by: redactor)
        log("\(request.method) \(recorded.url): attempt \(attempt): \(failure.description)")
        guard failure.allowsRetry(idempotent: request.isIdempotent), attempt < maximum else {
          throw failure
        }
        await pause(before: attempt + 1, endpoint: request.endpoint, because: failure)
        continue
      }
      let elapsed = ContinuousClock.now - started
      log(
        "\(request.method) \(recorded.url): attempt \(attempt): HTTP \(exchange.status), "
          + "\(exchange.bytes.count) bytes in \(Self.milliseconds(elapsed)) ms")
      let parsed = Result { () throws(JSONParseError) -> JSONValue in
        try JSONParser.parse(exchange.bytes)
      }
      let json = try? parsed.get()
      var failure = dialect.failure(status: exchange.status, json: json, endpoint: request.endpoint)
      if failure == nil, case .failure(let parseError) = parsed {
        failure = Self.unreadable(exchange.bytes, parseError, endpoint: request.endpoint)
      }
      failure = failure?.scrubbed(by: redactor)
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
      "\(endpoint): retrying in \(PlatformError.format(delay.platformTimeInterval)) s "
        + "(attempt \(attempt) of \(options.retry.maximumAttempts)) after: \(failure.description)")
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
    Int((duration.platformTimeInterval * 1000).rounded())
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
      if failure.isTokenRejection, !refreshed, let fresh = try await tokens.replacement(for: token)
      {
        log(
          "\(request.endpoint): the access token was refused (\(failure.description)); "
            + "trying once more with a new one")
        refreshed = true
        token = fresh
        continue
      }
      throw tokens.attributed(failure)
    }
  }
}
