import Foundation
import MenuSandbox
import MenuVault
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The sandbox's HTTP/1.1 server (Hummingbird), spoken to over a plain socket: what clients
/// other than ours send (chunked bodies, several requests on one connection, absolute targets).
@Suite("the sandbox's HTTP/1.1 server")
struct SandboxHTTPTests {
  static let tokenBody =
    #"{"grant_type":"client_credential","appid":"wxsandbox","secret":"sandbox-secret"}"#

  @Test("a chunked body, then a second request on the same connection, then Connection: close")
  func chunkedAndKeepAlive() async throws {
    try await SandboxHarness.run { harness in
      let port = harness.server.port
      let (first, second, rest) = try await onOwnThread {
        let connection = try RawConnection(port: port)
        defer { connection.close() }
        let body = Array(Self.tokenBody.utf8)
        let chunked =
          "POST /cgi-bin/stable_token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + String(body.prefix(10).count, radix: 16) + "\r\n"
          + String(decoding: body.prefix(10), as: UTF8.self) + "\r\n"
          + String(body.count - 10, radix: 16) + ";ext=1\r\n"
          + String(decoding: body.dropFirst(10), as: UTF8.self) + "\r\n0\r\n\r\n"
        let first = try connection.exchange(chunked)
        let second = try connection.exchange(
          "GET http://127.0.0.1/cgi-bin/menu/get?access_token=nope HTTP/1.1\r\n"
            + "Host: x\r\nConnection: TE, close\r\n\r\n")
        return (first, second, try connection.readToEnd())
      }
      #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(first.contains(#""expires_in":7200"#))
      #expect(!first.contains("Connection: close"))
      #expect(second.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(second.contains("Connection: close\r\n"))
      #expect(second.contains(#""errcode":40001"#))
      #expect(rest.isEmpty)
      #expect(await harness.calledPaths() == ["/cgi-bin/stable_token", "/cgi-bin/menu/get"])
    }
  }

  @Test("a request line that is not HTTP/1.1 gets 400 and the connection closes")
  func malformedRequest() async throws {
    try await SandboxHarness.run { harness in
      let port = harness.server.port
      let (answer, rest) = try await onOwnThread {
        let connection = try RawConnection(port: port)
        defer { connection.close() }
        return (try connection.exchange("hello there\r\n\r\n"), try connection.readToEnd())
      }
      // Hummingbird's answer to bytes its HTTP/1.1 parser refuses, exactly.
      #expect(
        answer == "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
      #expect(rest.isEmpty)
      #expect(await harness.calledPaths() == [])
    }
  }
}

/// Runs blocking socket calls on a thread of their own: on Swift's shared pool (one thread per
/// core) they would stall the sandbox they talk to.
private func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value)
  async throws -> Value
{
  try await withCheckedThrowingContinuation { continuation in
    Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
  }
}

/// A blocking TCP connection to 127.0.0.1 with a 15-second receive timeout (the suite runs on 2 busy cores).
private struct RawConnection {
  let descriptor: Int32

  init(port: UInt16) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var timeout = timeval(tv_sec: 15, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw HarnessError(message: "cannot connect to port \(port)") }
  }

  /// Sends `request` and reads one response: its head and a Content-Length body.
  func exchange(_ request: String) throws -> String {
    let bytes = Array(request.utf8)
    guard bytes.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count
    else { throw HarnessError(message: "send failed") }
    var received: [UInt8] = []
    while true {
      let text = String(decoding: received, as: UTF8.self)
      if let headEnd = text.range(of: "\r\n\r\n") {
        let head = text[..<headEnd.lowerBound]
        let length =
          head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
          .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        if text.utf8.count - text.utf8.distance(from: text.startIndex, to: headEnd.upperBound)
          >= length
        {
          return text
        }
      }
      let chunk = try receive()
      guard !chunk.isEmpty else { return text }
      received += chunk
    }
  }

  /// Everything until the server closes the connection.
  func readToEnd() throws -> [UInt8] {
    var received: [UInt8] = []
    while true {
      let chunk = try receive()
      if chunk.isEmpty { return received }
      received += chunk
    }
  }

  private func receive() throws -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
    guard count >= 0 else { throw HarnessError(message: "receive failed (errno \(errno))") }
    return Array(buffer.prefix(count))
  }

  func close() {
    _ = Glibc.close(descriptor)
  }
}
