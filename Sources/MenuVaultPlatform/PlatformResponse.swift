/// A request as it was sent, with every credential scrubbed (see ``Redactor``): safe to store,
/// log and show.
public struct RecordedRequest: Sendable, Equatable {
  /// `GET` or `POST`.
  public var method: String
  /// The full URL, `access_token=<redacted>`.
  public var url: String
  /// The body as sent, scrubbed; empty for a GET.
  public var body: [UInt8]

  /// Creates a recorded request.
  public init(method: String, url: String, body: [UInt8]) {
    self.method = method
    self.url = url
    self.body = body
  }
}

/// One successful call: the decoded value together with the exact bytes the server sent, so
/// that the vault can keep them.
public struct PlatformResponse<Value: Sendable>: Sendable {
  /// The endpoint called, e.g. `cgi-bin/menu/get`.
  public var endpoint: String
  /// What the response means (a normalized menu, a menuid, or nothing).
  public var value: Value
  /// The response body exactly as received. Menu responses never contain credentials; token
  /// responses are never returned.
  public var bytes: [UInt8]
  /// The HTTP status of the final attempt.
  public var status: Int
  /// The request of the final attempt, scrubbed.
  public var request: RecordedRequest
  /// How many HTTP exchanges the call took (retries and a token refresh included).
  public var attempts: Int
}
