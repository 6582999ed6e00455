import Foundation
import Logging
import MenuSandbox
import MenuVault
import Synchronization
import Testing

/// A transport an application would write: it hands each request to libcurl, after recording it
/// and, where a test asks, failing it the way a real HTTP client could.
final class RecordingTransport: HTTPTransport, Sendable {
  private let forward = CurlTransport()
  private let stored = Mutex<[HTTPTransportRequest]>([])
  private let failures = Mutex<[String: [@Sendable (HTTPTransportRequest) -> PlatformError]]>([:])

  /// Every request sent through the transport, in order, credentials included.
  var requests: [HTTPTransportRequest] {
    stored.withLock { $0 }
  }

  /// Fails the next requests to `endpoint`, one per failure, without sending them.
  func fail(
    _ endpoint: String, with failure: @escaping @Sendable (HTTPTransportRequest) -> PlatformError
  ) {
    failures.withLock { $0[endpoint, default: []].append(failure) }
  }

  func send(_ request: HTTPTransportRequest) async throws(PlatformError) -> HTTPTransportResponse {
    stored.withLock { $0.append(request) }
    let failure = failures.withLock {
      failures -> (@Sendable (HTTPTransportRequest) -> PlatformError)? in
      guard var waiting = failures[request.endpoint], !waiting.isEmpty else { return nil }
      let first = waiting.removeFirst()
      failures[request.endpoint] = waiting
      return first
    }
    if let failure { throw failure(request) }
    return try await forward.send(request)
  }
}

@Suite("the HTTP transport and the logger an application gives the clients")
struct PlatformTransportTests {
  @Test("a transport given in the options carries every exchange, as the client built it")
  func customTransport() async throws {
    try await SandboxHarness.run { harness in
      let transport = RecordingTransport()
      var options = harness.options()
      options.transport = transport
      let client = harness.wechat(options: options)

      let created = try await client.createMenu(TestMenus.basic)
      let got = try await client.getMenu()
      #expect(got.value?.menuSet == TestMenus.basic.asSet)

      #expect(
        await harness.calledPaths() == [
          "/cgi-bin/stable_token", "/cgi-bin/menu/create", "/cgi-bin/menu/get",
        ], "the sandbox received what the transport was given")
      let base = harness.server.baseURL.absoluteString
      let token = try await harness.stableToken()
      let requests = transport.requests
      #expect(requests.map(\.method) == ["POST", "POST", "GET"])
      #expect(
        requests.map(\.url.absoluteString) == [
          base + "cgi-bin/stable_token", base + "cgi-bin/menu/create?access_token=\(token)",
          base + "cgi-bin/menu/get?access_token=\(token)",
        ])
      #expect(
        requests.map(\.endpoint) == [
          "cgi-bin/stable_token", "cgi-bin/menu/create", "cgi-bin/menu/get",
        ])
      #expect(
        requests.map { $0.headers.map { "\($0.name): \($0.value)" } } == [
          ["Accept: application/json", "Content-Type: application/json"],
          ["Accept: application/json", "Content-Type: application/json"],
          ["Accept: application/json"],
        ])
      #expect(
        requests[0].body.map { String(decoding: $0, as: UTF8.self) }
          == #"{"grant_type":"client_credential","appid":"wxsandbox","secret":"sandbox-secret","#
          + #""force_refresh":false}"#)
      let createBody = try #require(requests[1].body)
      #expect(try Normalizer.normalize(createBody).menuSet == TestMenus.basic.asSet)
      #expect(createBody == created.request.body, "the record keeps the bytes sent")
      #expect(requests[2].body == nil)
      #expect(requests.allSatisfy { $0.timeout == .seconds(5) })
      #expect(got.request.url == base + "cgi-bin/menu/get?access_token=<redacted>")
    }
  }

  @Test("a transport's failures are retried by case and scrubbed like libcurl's")
  func transportFailures() async throws {
    try await SandboxHarness.run { harness in
      let transport = RecordingTransport()
      var options = harness.options()
      options.transport = transport
      let client = harness.wechat(options: options)

      transport.fail("cgi-bin/menu/get") { .timedOut(endpoint: $0.endpoint, seconds: 5) }
      let got = try await client.getMenu()
      #expect(got.attempts == 2, "a timeout is retried")
      #expect(got.value == nil)
      #expect(
        harness.log.lines.contains {
          $0.hasPrefix("cgi-bin/menu/get: retrying in ")
            && $0.hasSuffix(
              "after: cgi-bin/menu/get did not answer within 5 s: "
                + "check the network or raise the timeout")
        })

      transport.fail("cgi-bin/menu/addconditional") {
        .connectionLost(endpoint: $0.endpoint, reason: "reset by the test")
      }
      await #expect(
        throws: PlatformError.connectionLost(
          endpoint: "cgi-bin/menu/addconditional", reason: "reset by the test")
      ) {
        _ = try await client.addConditionalMenu(TestMenus.conditional(tag: "2"))
      }

      transport.fail("cgi-bin/menu/delete") {
        .unreachable(endpoint: $0.endpoint, reason: "refused \($0.url.absoluteString)")
      }
      await #expect(
        throws: PlatformError.unreachable(
          endpoint: "cgi-bin/menu/delete",
          reason: "refused \(harness.server.baseURL.absoluteString)"
            + "cgi-bin/menu/delete?access_token=<redacted>")
      ) {
        _ = try await client.deleteMenu()
      }
      #expect(
        transport.requests.map(\.endpoint) == [
          "cgi-bin/stable_token", "cgi-bin/menu/get", "cgi-bin/menu/get",
          "cgi-bin/menu/addconditional", "cgi-bin/menu/delete",
        ],
        "not retried: a lost connection on a request that must not arrive twice, unreachable")
      #expect(await harness.calledPaths() == ["/cgi-bin/stable_token", "/cgi-bin/menu/get"])
    }
  }

  @Test("the logger receives scrubbed lines at their levels, with only endpoint and attempt")
  func loggerLevels() async throws {
    try await SandboxHarness.run { harness in
      let lines = LineCollector()
      let records = LogRecords()
      var options = harness.options()
      options.logger = CollectingLogHandler.logger(into: lines, records: records)
      let client = harness.wechat(options: options)

      await harness.server.inject(SandboxFault(.droppedConnection), on: "/cgi-bin/menu/get")
      let first = try await client.getMenu()
      let firstToken = try await harness.stableToken()
      await harness.server.expireTokens()
      let second = try await client.getMenu()
      let secondToken = try await harness.stableToken()
      #expect(first.attempts == 2)
      #expect(second.attempts == 2)
      #expect(firstToken != secondToken)

      let logged = records.all
      #expect(
        logged.map(\.level) == [
          .debug, .info, .warning, .notice, .debug,
          .debug, .debug, .info, .notice, .debug,
        ], "the refusal is logged once the new token is in hand")
      #expect(
        logged.map { $0.metadata["endpoint"] ?? "-" } == [
          "cgi-bin/stable_token", "cgi-bin/stable_token", "cgi-bin/menu/get", "cgi-bin/menu/get",
          "cgi-bin/menu/get", "cgi-bin/menu/get", "cgi-bin/stable_token", "cgi-bin/stable_token",
          "cgi-bin/menu/get", "cgi-bin/menu/get",
        ])
      #expect(
        logged.map { $0.metadata["attempt"] ?? "-" } == [
          "1", "-", "1", "2", "2", "1", "1", "-", "-", "1",
        ])
      let base = harness.server.baseURL.absoluteString
      #expect(
        logged[2].message.hasPrefix(
          "GET \(base)cgi-bin/menu/get?access_token=<redacted>: attempt 1: "))
      #expect(
        logged[5].message.hasPrefix(
          "GET \(base)cgi-bin/menu/get?access_token=<redacted>: attempt 1: HTTP 200, "))
      #expect(
        logged[7].message
          == "cgi-bin/stable_token: obtained an access token for wxsandbox, expires in 7200 s "
          + "(force_refresh)")
      #expect(
        logged[8].message
          == "cgi-bin/menu/get: the access token was refused (cgi-bin/menu/get failed with "
          + #"errcode 42001 ("access_token expired"): the access token has expired: get a new "#
          + "token); trying once more with a new one")
      #expect(harness.log.lines.isEmpty, "only the logger given was used")

      let secrets = [firstToken, secondToken, SandboxHarness.secret]
      for record in logged {
        for text in [record.message] + record.metadata.keys + record.metadata.values {
          for secret in secrets {
            #expect(!text.contains(secret), "\(secret) leaked in: \(text)")
          }
        }
        #expect(Set(record.metadata.keys).isSubset(of: ["endpoint", "attempt"]))
      }
    }
  }

  @Test("a logger set to notice gets only retries, refusals and failures; the default, nothing")
  func loggerThreshold() async throws {
    #expect(ClientOptions().logger.handler is SwiftLogNoOpLogHandler)
    #expect(ClientOptions().transport is CurlTransport)
    try await SandboxHarness.run { harness in
      let lines = LineCollector()
      let records = LogRecords()
      var options = harness.options()
      options.logger = CollectingLogHandler.logger(into: lines, records: records)
      options.logger.logLevel = .notice
      let client = harness.wechat(options: options)
      await harness.server.inject(
        SandboxFault(.errorCode(-1, message: nil)), on: "/cgi-bin/menu/get")
      _ = try await client.getMenu()
      #expect(records.all.map(\.level) == [.notice])
      #expect(records.all.first?.message.hasPrefix("cgi-bin/menu/get: retrying in ") == true)
    }
  }
}
