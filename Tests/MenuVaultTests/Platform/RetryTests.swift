import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("retries: what is retried, how often, and what is not")
struct RetryTests {
  @Test(
    "a fault injected twice succeeds on the third attempt",
    arguments: [
      SandboxFault.Kind.errorCode(-1, message: nil), .errorCode(45009, message: nil),
      .httpStatus(503), .httpStatus(500), .droppedConnection,
    ])
  func transientFault(kind: SandboxFault.Kind) async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      await harness.server.inject(SandboxFault(kind, count: 2), on: "/cgi-bin/menu/get")
      let got = try await client.getMenu()
      #expect(got.value?.menuSet == TestMenus.basic.asSet)
      #expect(got.attempts == 3)
      let calls = await harness.server.calls(path: "/cgi-bin/menu/get")
      #expect(calls.count == 3)
      #expect(calls.map { $0.fault != nil } == [true, true, false])
      #expect(harness.log.lines.filter { $0.contains("retrying in") }.count == 2)
    }
  }

  @Test("a permanent fault fails with the typed error after exactly the bound of attempts")
  func permanentFault() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      await harness.server.inject(
        SandboxFault(.errorCode(-1, message: nil), count: 100), on: "/cgi-bin/menu/get")
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/get", code: -1, message: "system error")
      ) {
        _ = try await client.getMenu()
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/get").count == 4)

      await harness.server.inject(
        SandboxFault(.httpStatus(502), count: 100), on: "/cgi-bin/menu/delete")
      await #expect(throws: PlatformError.httpStatus(endpoint: "cgi-bin/menu/delete", status: 502))
      {
        _ = try await client.deleteMenu()
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/delete").count == 4)
    }
  }

  @Test("a non-retryable error (40018) is tried exactly once")
  func nonRetryableOnce() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      let tooLong = Menu(buttons: [.leaf("今日歌曲😀a", .click, [.key: "k"])])
      await #expect(
        throws: PlatformError.wechat(
          endpoint: "cgi-bin/menu/create", code: 40018, message: "invalid button name size")
      ) {
        _ = try await client.createMenu(tooLong)
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/create").count == 1)
      // An injected non-retryable code is not retried either.
      await harness.server.inject(
        SandboxFault(.errorCode(40164, message: nil), count: 3), on: "/cgi-bin/menu/get")
      await #expect(throws: PlatformError.self) { _ = try await client.getMenu() }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/get").count == 1)
    }
  }

  @Test(
    "a truncated body gives a clear error naming the endpoint and the byte count, untried again")
  func truncatedBody() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      await harness.server.inject(
        SandboxFault(.truncatedBody(keepingBytes: 40)), on: "/cgi-bin/menu/get")
      do throws(PlatformError) {
        _ = try await client.getMenu()
        Issue.record("a truncated body was accepted")
      } catch {
        guard case .truncatedResponse(let endpoint, let count, _) = error else {
          Issue.record("expected a truncated response, got \(error)")
          return
        }
        #expect(endpoint == "cgi-bin/menu/get")
        #expect(count == 40)
        #expect(
          error.description
            == "response from cgi-bin/menu/get ended after 40 bytes: the JSON document stops in "
            + "the middle (byte 40: unexpected end of input); the response was cut short: try again"
        )
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/get").count == 1)
    }
  }

  @Test("a timeout is retried; a slow answer within the timeout is not a failure")
  func timeouts() async throws {
    try await SandboxHarness.run { harness in
      _ = try await harness.wechat().createMenu(TestMenus.basic)
      let token = try await harness.stableToken()
      let client = harness.wechat(
        .accessToken(token), options: harness.options(timeout: .milliseconds(4000)))
      await harness.server.inject(
        SandboxFault(.delayOnly, delay: .milliseconds(6000)), on: "/cgi-bin/menu/get")
      let got = try await client.getMenu()
      #expect(got.attempts == 2)
      #expect(harness.log.lines.contains { $0.contains("did not answer within 4 s") })

      let never = harness.wechat(
        .accessToken(token), options: harness.options(retry: .never, timeout: .milliseconds(4000)))
      await harness.server.inject(
        SandboxFault(.delayOnly, delay: .milliseconds(6000)), on: "/cgi-bin/menu/get")
      await #expect(throws: PlatformError.timedOut(endpoint: "cgi-bin/menu/get", seconds: 4)) {
        _ = try await never.getMenu()
      }

      // An answer after 300 ms of a 4 s limit is an answer (the limits leave room for a loaded
      // machine, two builds and a benchmark beside the tests included: the retry must answer
      // well within it).
      await harness.server.inject(
        SandboxFault(.delayOnly, delay: .milliseconds(300)), on: "/cgi-bin/menu/get")
      let slow = try await never.getMenu()
      #expect(slow.attempts == 1)
      #expect(slow.value?.menuSet == TestMenus.basic.asSet)
    }
  }

  @Test("addconditional is not retried after an HTTP 502: the gateway may have passed it on")
  func addConditionalNotRetriedAfterServerError() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      await harness.server.inject(
        SandboxFault(.httpStatus(502)), on: "/cgi-bin/menu/addconditional")
      do throws(PlatformError) {
        _ = try await client.addConditionalMenu(TestMenus.conditional(tag: "1"))
        Issue.record("an HTTP 502 was not reported")
      } catch {
        #expect(error == .httpStatus(endpoint: "cgi-bin/menu/addconditional", status: 502))
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/addconditional").count == 1)
    }
  }

  @Test("addconditional is not retried after a dropped connection: it may have been created")
  func addConditionalNotRetriedAfterDrop() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      _ = try await client.createMenu(TestMenus.basic)
      await harness.server.inject(
        SandboxFault(.droppedConnection), on: "/cgi-bin/menu/addconditional")
      do throws(PlatformError) {
        _ = try await client.addConditionalMenu(TestMenus.conditional(tag: "1"))
        Issue.record("a dropped connection was not reported")
      } catch {
        #expect(error.isRetryable)
        #expect(error.endpoint == "cgi-bin/menu/addconditional")
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/addconditional").count == 1)
      // -1 means WeChat did nothing, so that is retried even here.
      await harness.server.inject(
        SandboxFault(.errorCode(-1, message: nil)), on: "/cgi-bin/menu/addconditional")
      let added = try await client.addConditionalMenu(TestMenus.conditional(tag: "1"))
      #expect(added.attempts == 2)
    }
  }

  @Test("backoff doubles from the initial delay up to the maximum, jitter only shortens it")
  func backoffSchedule() {
    let policy = RetryPolicy(
      maximumAttempts: 6, initialDelay: .milliseconds(500), maximumDelay: .seconds(3), jitter: 0.5)
    let full = (2...6).map { policy.delay(beforeAttempt: $0, randomFraction: 0) }
    #expect(
      full == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    #expect(policy.delay(beforeAttempt: 3, randomFraction: 1) == .milliseconds(500))
    #expect(policy.delay(beforeAttempt: 1, randomFraction: 0) == .zero)
    #expect(RetryPolicy.never.maximumAttempts == 1)
  }
}
