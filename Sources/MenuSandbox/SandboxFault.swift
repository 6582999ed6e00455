import MenuVaultJSON

/// A failure the sandbox plays on a path for its next calls, to rehearse what the real servers
/// do on a bad day.
public struct SandboxFault: Sendable, Equatable {
  /// What the affected calls get.
  public enum Kind: Sendable, Equatable {
    /// The API error `code` (WeChat `errcode` or Weibo `error_code`) with `message` (WeChat's own
    /// when `nil`); the request is not carried out.
    case errorCode(Int, message: String?)
    /// An HTTP status with a short text body; the request is not carried out.
    case httpStatus(Int)
    /// The real answer cut to `keepingBytes` bytes (half when `nil`), sent as a complete HTTP
    /// response; the request is carried out.
    case truncatedBody(keepingBytes: Int?)
    /// The response headers, then the connection closes; the request is not carried out.
    case droppedConnection
    /// Only the delay; the real answer follows it.
    case delayOnly
    /// A success answer (`{"errcode":0,"errmsg":"ok"}`, or a new `menuid` for addconditional),
    /// but the request is not carried out: what a read-back must catch.
    case acceptedNotApplied
    /// This JSON body with HTTP 200, instead of the real answer; the request is not carried
    /// out: an answer the platform gives rarely (`{"menu":{"button":[]}}` from menu/get).
    case answer([UInt8])
  }

  /// What the affected calls get.
  public var kind: Kind
  /// A pause before the answer (the request is carried out before it).
  public var delay: Duration
  /// How many of the next calls to the path get the fault.
  public var count: Int

  /// Creates a fault for the next `count` calls.
  public init(_ kind: Kind, delay: Duration = .zero, count: Int = 1) {
    self.kind = kind
    self.delay = delay
    self.count = max(1, count)
  }

  /// A short label for the call log: `errcode -1`, `HTTP 503`, `delay 200 ms`, ...
  var label: String {
    var parts: [String] = []
    switch kind {
    case .errorCode(let code, _): parts.append("errcode \(code)")
    case .httpStatus(let status): parts.append("HTTP \(status)")
    case .truncatedBody(let bytes):
      parts.append("truncated body" + (bytes.map { " (\($0) bytes)" } ?? ""))
    case .droppedConnection: parts.append("dropped connection")
    case .acceptedNotApplied: parts.append("accepted, not applied")
    case .answer(let body): parts.append("answer of \(body.count) bytes")
    case .delayOnly: break
    }
    if delay > .zero {
      let (seconds, attoseconds) = delay.components
      let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
      parts.append("delay \(milliseconds) ms")
    }
    return parts.joined(separator: ", ")
  }

  /// Reads a fault from a control request body:
  /// `{"path": "/cgi-bin/menu/get", "count": 2, "errcode": -1}` and the like (see the README).
  static func parse(_ json: JSONValue) throws(SandboxError) -> (path: String, fault: SandboxFault) {
    func invalid(_ reason: String) -> SandboxError {
      .invalidControlRequest(path: "/sandbox/faults", reason: reason)
    }
    guard case .object = json else { throw invalid("the body must be a JSON object") }
    guard case .string(let rawPath)? = json["path"], !rawPath.isEmpty else {
      throw invalid("\"path\" (the API path, e.g. /cgi-bin/menu/get) is required")
    }
    let path = rawPath.hasPrefix("/") ? rawPath : "/" + rawPath
    func integer(_ key: String) throws(SandboxError) -> Int? {
      guard let value = json[key] else { return nil }
      guard case .number(let number) = value, let integer = Int(exactly: number) else {
        throw invalid("\"\(key)\" must be an integer")
      }
      return integer
    }
    let count = try integer("count") ?? 1
    guard count >= 1 else { throw invalid("\"count\" must be at least 1") }
    let delay = try integer("delay_ms") ?? 0
    guard delay >= 0 else { throw invalid("\"delay_ms\" must not be negative") }
    var kinds: [Kind] = []
    var code = try integer("errcode")
    if code == nil { code = try integer("error_code") }
    if let code {
      var message: String?
      if case .string(let text)? = json["errmsg"] ?? json["error"] { message = text }
      kinds.append(.errorCode(code, message: message))
    }
    if let status = try integer("status") {
      guard (100...599).contains(status) else { throw invalid("\"status\" must be 100-599") }
      kinds.append(.httpStatus(status))
    }
    if case .bool(true)? = json["truncate"] {
      let keep = try integer("truncate_at")
      if let keep, keep < 0 { throw invalid("\"truncate_at\" must not be negative") }
      kinds.append(.truncatedBody(keepingBytes: keep))
    } else if let keep = try integer("truncate_at") {
      guard keep >= 0 else { throw invalid("\"truncate_at\" must not be negative") }
      kinds.append(.truncatedBody(keepingBytes: keep))
    }
    if case .bool(true)? = json["drop"] { kinds.append(.droppedConnection) }
    if case .bool(true)? = json["ignore"] { kinds.append(.acceptedNotApplied) }
    if let answer = json["answer"] {
      guard case .object = answer else { throw invalid("\"answer\" must be a JSON object") }
      kinds.append(.answer(CanonicalJSON.bytes(answer)))
    }
    guard kinds.count <= 1 else {
      throw invalid(
        "give only one of errcode, status, truncate, drop, ignore and answer "
          + "(delay_ms goes with any)")
    }
    guard let kind = kinds.first ?? (delay > 0 ? .delayOnly : nil) else {
      throw invalid("give one of errcode, status, truncate, drop, ignore, answer or delay_ms")
    }
    return (path, SandboxFault(kind, delay: .milliseconds(delay), count: count))
  }
}
