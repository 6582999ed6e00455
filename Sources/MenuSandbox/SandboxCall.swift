import MenuVaultJSON

/// One API call the sandbox answered, as the call log keeps it: tokens and secrets scrubbed.
public struct SandboxCall: Sendable, Equatable {
  /// 1 for the first call since start or reset.
  public var sequence: Int
  /// `GET` or `POST`.
  public var method: String
  /// The path, e.g. `/cgi-bin/menu/get`.
  public var path: String
  /// The query string as sent, scrubbed (`access_token=<redacted>`).
  public var query: String
  /// The body as text, scrubbed.
  public var body: String
  /// The WeChat app the token or credentials belonged to, when known.
  public var appID: String?
  /// The HTTP status answered; `nil` when the connection was dropped.
  public var status: Int?
  /// The `errcode` (WeChat) or `error_code` (Weibo) the answer carried (0 in WeChat's
  /// `{"errcode":0,"errmsg":"ok"}`); `nil` when it carried none.
  public var errorCode: Int?
  /// The injected fault that shaped the answer, e.g. `errcode -1` or `dropped connection`.
  public var fault: String?

  /// The call as a JSON object, for `GET /sandbox/calls`.
  var json: JSONValue {
    func optional(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    return .object([
      JSONMember("sequence", .number(Double(sequence))),
      JSONMember("method", .string(method)),
      JSONMember("path", .string(path)),
      JSONMember("query", .string(query)),
      JSONMember("body", .string(body)),
      JSONMember("appid", appID.map { .string($0) } ?? .null),
      JSONMember("status", optional(status)),
      JSONMember("errcode", optional(errorCode)),
      JSONMember("fault", fault.map { .string($0) } ?? .null),
    ])
  }

  /// One line for a terminal: `3 GET /cgi-bin/menu/get?access_token=<redacted> -> 200 errcode 0`.
  public var line: String {
    var text = "\(sequence) \(method) \(path)" + (query.isEmpty ? "" : "?\(query)") + " -> "
    text += status.map { "HTTP \($0)" } ?? "dropped"
    if let errorCode { text += " errcode \(errorCode)" }
    if let fault { text += " (fault: \(fault))" }
    return text
  }
}
