import FlyingSocks
import Foundation

/// The sandbox's HTTP/1.1 server: FlyingSocks' non-blocking sockets, and the few parts of
/// HTTP/1.1 the platform APIs use (Content-Length and chunked request bodies, keep-alive).
///
/// It replaces FlyingFox's `HTTPServer`: FlyingFox links FoundationNetworking (for a proxy
/// handler the sandbox does not use), and FoundationNetworking makes every `menuvault` process
/// load libcurl and the thirty libraries it links at start-up, even `menuvault --version`
/// (11.4 ms against about 3 ms without them).
final class SandboxHTTPServer: Sendable {
  /// Answers one request.
  typealias Handler = @Sendable (SandboxRequest) async -> SandboxReply

  /// The port it listens on.
  let port: UInt16
  private let listener: Socket
  private let task: Task<Void, Never>

  /// The largest request head and body accepted.
  static let maximumHeadBytes = 64 << 10
  static let maximumBodyBytes = 16 << 20

  /// Binds `address`, listens, and serves every connection with `handler` until ``stop()``.
  static func start(address: some SocketAddress, handler: @escaping Handler) async throws
    -> SandboxHTTPServer
  {
    let listener = try Socket(domain: Int32(type(of: address).family))
    do {
      try listener.setValue(true, for: .localAddressReuse)
      #if canImport(Darwin)
        // Linux sends with MSG_NOSIGNAL; Darwin needs the option (accepted sockets inherit it).
        try listener.setValue(true, for: .noSIGPIPE)
      #endif
      try listener.bind(to: address)
      try listener.listen()
    } catch {
      try? listener.close()
      throw error
    }
    let port: UInt16
    switch try listener.sockname() {
    case .ip4(_, let actual), .ip6(_, let actual): port = actual
    case .unix: port = 0
    }
    let pool = SocketPool<Poll>.make()
    try await pool.prepare()
    let accepting = try AsyncSocket(socket: listener, pool: pool)
    let task = Task {
      await withDiscardingTaskGroup { group in
        group.addTask { try? await pool.run() }
        group.addTask {
          await withDiscardingTaskGroup { connections in
            while !Task.isCancelled {
              do {
                let connection = try await accepting.accept()
                connections.addTask { await serve(connection, handler: handler) }
              } catch {
                // A failed accept (a connection reset before it was taken, no file
                // descriptor left) is not the end of the server; stopping is.
                if Task.isCancelled || error is CancellationError { break }
                try? await Task.sleep(for: .milliseconds(10))
              }
            }
          }
        }
      }
    }
    return SandboxHTTPServer(port: port, listener: listener, task: task)
  }

  private init(port: UInt16, listener: Socket, task: Task<Void, Never>) {
    self.port = port
    self.listener = listener
    self.task = task
  }

  /// Stops listening, closes every connection, and returns once they are closed.
  func stop() async {
    task.cancel()
    await task.value
    try? listener.close()
  }

  /// Answers the requests of one connection until the client closes it, asks to, or sends
  /// something that is not HTTP/1.1.
  private static func serve(_ connection: AsyncSocket, handler: Handler) async {
    var reader = HTTPRequestReader()
    defer { try? connection.close() }
    while !Task.isCancelled {
      let request: HTTPRequestReader.Request
      do {
        guard let next = try await reader.next(from: connection) else { return }
        request = next
      } catch let error as HTTPRequestReader.Malformed {
        try? await connection.write(Data(response(status: 400, body: Array(error.reason.utf8))))
        return
      } catch {
        return  // the connection closed or the server stops
      }
      let reply = await handler(request.sandboxRequest)
      if reply.delay > .zero {
        try? await Task.sleep(for: reply.delay)
      }
      switch reply.delivery {
      case .complete:
        let bytes = response(
          status: reply.status, contentType: reply.contentType, body: reply.body,
          closing: !request.keepAlive)
        guard (try? await connection.write(Data(bytes))) != nil, request.keepAlive else { return }
      case .dropped:
        // The head promises a body that never comes: the connection closes right after it.
        let head = responseHead(
          status: reply.status, contentType: reply.contentType,
          contentLength: max(1, reply.body.count), closing: true)
        try? await connection.write(Data(head))
        return
      }
    }
  }

  /// A whole response: head and body.
  private static func response(
    status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8],
    closing: Bool = true
  ) -> [UInt8] {
    responseHead(
      status: status, contentType: contentType, contentLength: body.count, closing: closing)
      + body
  }

  private static func responseHead(
    status: Int, contentType: String, contentLength: Int, closing: Bool
  ) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(phrase(status))\r\n"
    head += "Content-Type: \(contentType)\r\nContent-Length: \(contentLength)\r\n"
    if closing { head += "Connection: close\r\n" }
    return Array((head + "\r\n").utf8)
  }

  private static func phrase(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 400: return "Bad Request"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    default: return "Status \(status)"
    }
  }
}
