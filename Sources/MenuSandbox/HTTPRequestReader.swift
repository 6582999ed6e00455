import FlyingSocks
import Foundation

/// Reads HTTP/1.1 requests off one connection (RFC 9112): the request line, the header fields,
/// and a body framed by `Content-Length` or `Transfer-Encoding: chunked`.
struct HTTPRequestReader {
  /// One request as read.
  struct Request: Sendable {
    var method: String
    /// The path, percent-decoded.
    var path: String
    /// The query as sent (percent-encoded), without the `?`.
    var rawQuery: String
    /// Header fields, names lowercased.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Whether the connection stays open after the response.
    var keepAlive: Bool

    var sandboxRequest: SandboxRequest {
      SandboxRequest(method: method, path: path, rawQuery: rawQuery, body: body)
    }
  }

  /// Why the bytes are not an HTTP/1.1 request.
  struct Malformed: Error {
    var reason: String
  }

  /// Bytes read but not yet used.
  private var buffered: [UInt8] = []
  private var start = 0

  /// The next request, or `nil` when the client closed the connection between requests.
  mutating func next(from connection: AsyncSocket) async throws -> Request? {
    guard let requestLine = try await line(from: connection, allowingEnd: true) else {
      return nil
    }
    let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1.") else {
      throw Malformed(reason: "not an HTTP/1.1 request line")
    }
    var headers: [(name: String, value: String)] = []
    while true {
      guard let field = try await line(from: connection, allowingEnd: false) else {
        throw Malformed(reason: "the head ended early")
      }
      if field.isEmpty { break }
      guard let colon = field.firstIndex(of: ":") else {
        throw Malformed(reason: "a header field without a colon")
      }
      headers.append(
        (
          field[..<colon].lowercased(),
          field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        ))
    }
    let body = try await readBody(headers: headers, from: connection)
    let (path, query) = Self.splitTarget(String(parts[1]))
    // Connection: a comma-separated list of options (RFC 9110 §7.6.1), e.g. "keep-alive, close".
    let connectionOptions = headers.filter { $0.name == "connection" }
      .flatMap { $0.value.lowercased().split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let keepAlive =
      parts[2] == "HTTP/1.1"
      ? !connectionOptions.contains("close") : connectionOptions.contains("keep-alive")
    return Request(
      method: String(parts[0]), path: path, rawQuery: query, headers: headers, body: body,
      keepAlive: keepAlive)
  }

  /// The path (percent-decoded) and the raw query of a request target, in origin form
  /// (`/cgi-bin/menu/get?access_token=...`) or absolute form (`http://host/cgi-bin/...`).
  static func splitTarget(_ target: String) -> (path: String, query: String) {
    var target = Substring(target)
    if let scheme = target.range(of: "://") {
      let afterAuthority = target[scheme.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }
      )
      target = afterAuthority.map { target[$0...] } ?? "/"
    }
    let question = target.firstIndex(of: "?")
    let rawPath = question.map { target[..<$0] } ?? target
    let query = question.map { String(target[target.index(after: $0)...]) } ?? ""
    let path = String(rawPath).removingPercentEncoding ?? String(rawPath)
    return (path.isEmpty ? "/" : path, query)
  }

  private mutating func readBody(
    headers: [(name: String, value: String)], from connection: AsyncSocket
  ) async throws -> [UInt8] {
    let encodings = headers.filter { $0.name == "transfer-encoding" }.map { $0.value.lowercased() }
    if encodings.contains(where: { $0.contains("chunked") }) {
      return try await readChunkedBody(from: connection)
    }
    let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
    guard let lengthText = lengths.first else { return [] }
    guard Set(lengths).count == 1, let length = Int(lengthText), length >= 0 else {
      throw Malformed(reason: "an invalid Content-Length")
    }
    guard length <= SandboxHTTPServer.maximumBodyBytes else {
      throw Malformed(reason: "the body is larger than \(SandboxHTTPServer.maximumBodyBytes) bytes")
    }
    return try await bytes(length, from: connection)
  }

  private mutating func readChunkedBody(from connection: AsyncSocket) async throws -> [UInt8] {
    var body: [UInt8] = []
    while true {
      guard let sizeLine = try await line(from: connection, allowingEnd: false) else {
        throw Malformed(reason: "a chunked body ended early")
      }
      let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first ?? ""
      guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0,
        size <= SandboxHTTPServer.maximumBodyBytes - body.count
      else {
        throw Malformed(reason: "an invalid chunk size")
      }
      if size == 0 {
        // Trailer fields, up to the empty line.
        while let trailer = try await line(from: connection, allowingEnd: false), !trailer.isEmpty {
        }
        return body
      }
      body += try await bytes(size, from: connection)
      guard try await line(from: connection, allowingEnd: false) == "" else {
        throw Malformed(reason: "a chunk without its line break")
      }
    }
  }

  /// The next line without its CRLF (a bare LF is accepted), or `nil` at the end of the
  /// connection when `allowingEnd` and nothing of the line was read.
  private mutating func line(from connection: AsyncSocket, allowingEnd: Bool) async throws
    -> String?
  {
    var searched = start
    while true {
      if let newline = buffered[searched...].firstIndex(of: 0x0A) {
        var end = newline
        if end > start && buffered[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: buffered[start..<end], as: UTF8.self)
        start = newline + 1
        return text
      }
      searched = buffered.count
      guard buffered.count - start < SandboxHTTPServer.maximumHeadBytes else {
        throw Malformed(reason: "a line longer than \(SandboxHTTPServer.maximumHeadBytes) bytes")
      }
      guard try await fill(from: connection) else {
        if allowingEnd && buffered.count == start { return nil }
        throw Malformed(reason: "the connection closed inside a request")
      }
      if start > 0 {
        searched -= start
        compact()
      }
    }
  }

  /// Exactly `count` bytes.
  private mutating func bytes(_ count: Int, from connection: AsyncSocket) async throws -> [UInt8] {
    while buffered.count - start < count {
      guard try await fill(from: connection) else {
        throw Malformed(reason: "the connection closed inside a request body")
      }
    }
    let taken = Array(buffered[start..<(start + count)])
    start += count
    return taken
  }

  /// Reads more bytes; false at the end of the connection.
  private mutating func fill(from connection: AsyncSocket) async throws -> Bool {
    do {
      buffered += try await connection.read(atMost: 16 << 10)
      return true
    } catch SocketError.disconnected {
      return false
    }
  }

  private mutating func compact() {
    buffered.removeFirst(start)
    start = 0
  }
}
