/// A request as it was sent, with every credential scrubbed (see ``Redactor``): safe to store,
/// log and show.
package struct RecordedRequest: Sendable, Equatable {
  /// `GET` or `POST`.
  package var method: String
  /// The full URL, `access_token=<redacted>`.
  package var url: String
  /// The body as sent, scrubbed; empty for a GET.
  package var body: [UInt8]

  /// Creates a recorded request.
  package init(method: String, url: String, body: [UInt8]) {
    self.method = method
    self.url = url
    self.body = body
  }
}

/// One successful call: the decoded value together with the exact bytes the server sent, so
/// that the vault can keep them.
package struct PlatformResponse<Value: Sendable>: Sendable {
  /// The endpoint called, e.g. `cgi-bin/menu/get`.
  package var endpoint: String
  /// What the response means (a normalized menu, a menuid, or nothing).
  package var value: Value
  /// The response body exactly as received. Menu responses never contain credentials; token
  /// responses are never returned.
  package var bytes: [UInt8]
  /// The HTTP status of the final attempt.
  package var status: Int
  /// The request of the final attempt, scrubbed.
  package var request: RecordedRequest
  /// How many HTTP exchanges the call took (retries and a token refresh included).
  package var attempts: Int
}
