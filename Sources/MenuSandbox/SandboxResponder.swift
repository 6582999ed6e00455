import Foundation
import Hummingbird
import MenuVaultPlatform

/// The sandbox on Hummingbird: one responder for every method and path, which hands the request
/// to ``SandboxState`` and writes its ``SandboxReply`` back the way the reply asks (whole,
/// truncated, late, or cut off after the headers).
struct SandboxResponder: HTTPResponder {
  typealias Context = BasicRequestContext

  /// The largest request body accepted.
  static let maximumBodyBytes = 16 << 20

  let state: SandboxState

  func respond(to request: Request, context: Context) async throws -> Response {
    let closing = Self.asksToClose(request.headers)
    let body: [UInt8]
    switch await Self.collectBody(of: request) {
    case .collected(let bytes):
      body = bytes
    case .tooLarge:
      let reason = "the body is larger than \(Self.maximumBodyBytes) bytes"
      return Self.response(
        SandboxReply(
          status: 400, body: Array(reason.utf8), contentType: "text/plain; charset=utf-8"),
        closing: true)
    case .unreadable:
      return Self.response(
        SandboxReply(
          status: 400, body: Array("the request body could not be read".utf8),
          contentType: "text/plain; charset=utf-8"),
        closing: true)
    }
    let reply = await state.handle(SandboxRequest(request, body: body))
    if reply.delay > .zero {
      // Stopping the server cancels the wait, and the connection with it.
      try? await Task.sleep(for: reply.delay)
    }
    return Self.response(reply, closing: closing)
  }

  /// Builds the Hummingbird response for `reply`; `closing` ends the connection after it.
  static func response(_ reply: SandboxReply, closing: Bool) -> Response {
    var headers: HTTPFields = [.contentType: reply.contentType]
    switch reply.delivery {
    case .complete:
      let bytes = ByteBuffer(bytes: reply.body)
      guard closing else {
        return Response(
          status: HTTPResponse.Status(code: reply.status), headers: headers,
          body: ResponseBody(byteBuffer: bytes))
      }
      headers[.connection] = "close"
      return Response(
        status: HTTPResponse.Status(code: reply.status), headers: headers,
        body: ResponseBody(contentLength: bytes.readableBytes) { writer in
          try await writer.write(bytes)
          try await writer.finish(nil)
          throw ConnectionEnd()
        })
    case .dropped:
      // The head promises a body that never comes: the connection closes right after it.
      headers[.connection] = "close"
      return Response(
        status: HTTPResponse.Status(code: reply.status), headers: headers,
        body: ResponseBody(contentLength: max(1, reply.body.count)) { _ in throw ConnectionEnd() })
    }
  }

  /// Thrown by a response body to close the connection where it stands: Hummingbird closes
  /// the connection of a response whose body throws, with whatever it wrote so far.
  struct ConnectionEnd: Error {}

  /// Whether the request's `Connection` field lists `close` (RFC 9110 §7.6.1: a
  /// comma-separated list of options, e.g. `TE, close`).
  static func asksToClose(_ headers: HTTPFields) -> Bool {
    headers[values: .connection]
      .flatMap { $0.split(separator: ",") }
      .contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "close" }
  }

  /// The outcome of reading a request body.
  enum CollectedBody {
    case collected([UInt8])
    /// Longer than ``SandboxResponder/maximumBodyBytes``.
    case tooLarge
    /// The connection failed while the body was being read.
    case unreadable
  }

  /// Reads the whole body, up to ``maximumBodyBytes``.
  static func collectBody(of request: Request) async -> CollectedBody {
    var bytes: [UInt8] = []
    do {
      for try await buffer in request.body {
        guard buffer.readableBytes <= maximumBodyBytes - bytes.count else { return .tooLarge }
        bytes += buffer.readableBytesView
      }
    } catch {
      return .unreadable
    }
    return .collected(bytes)
  }
}

extension SandboxRequest {
  /// The sandbox's view of a Hummingbird request: the method, the path percent-decoded, the
  /// query as sent (still percent-encoded) and the body.
  init(_ request: Request, body: [UInt8]) {
    // The URI's path and query are as sent; an absolute-form target
    // (`http://host/cgi-bin/...`) arrives here already reduced to its path and query.
    let rawPath = request.uri.path
    let path = PercentEncoding.decode(rawPath, plusIsSpace: false)
    self.init(
      method: request.method.rawValue, path: path.isEmpty ? "/" : path,
      rawQuery: request.uri.query ?? "", body: body)
  }
}
