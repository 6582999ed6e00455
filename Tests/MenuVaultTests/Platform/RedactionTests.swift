import Foundation
import MenuSandbox
import MenuVault
import Testing

@Suite("redaction: no secret or token leaves the library")
struct RedactionTests {
  @Test("parameters and JSON members named like credentials are scrubbed, other text kept")
  func scrubParameters() {
    let redactor = Redactor()
    #expect(
      redactor.scrub("GET https://x/cgi-bin/menu/get?access_token=AbC-123_x&lang=zh")
        == "GET https://x/cgi-bin/menu/get?access_token=<redacted>&lang=zh")
    #expect(
      redactor.scrub("grant_type=client_credential&appid=wx1&secret=s3cr3t")
        == "grant_type=client_credential&appid=wx1&secret=<redacted>")
    #expect(
      redactor.scrub(#"{"appid":"wx1","secret":"s3\"cr3t","authorizer_access_token" : "t"}"#)
        == #"{"appid":"wx1","secret":"<redacted>","authorizer_access_token" : "<redacted>"}"#)
    #expect(redactor.scrub("component_appsecret=abc") == "component_appsecret=<redacted>")
    #expect(redactor.scrub("a menu named secret menu") == "a menu named secret menu")
    let scrubbed = redactor.scrub("access_token=abc")
    #expect(redactor.scrub(scrubbed) == scrubbed)
  }

  @Test("the one-pass scrub replaces what the two regular expressions it stands for replace")
  func scrubMatchesTheExpressions() {
    // Pieces that meet the scanner's edges: names, separators, quotes, escapes, white space.
    let pieces = [
      "access_token", "ACCESS_TOKEN", "secret", "appsecret", "x_secret", "token", "=", "==", "&",
      "\"", "\\", "\\\"", ":", " : ", " ", "\n", "\u{00A0}", "abc", "宝", "'", "<", ">", "?", "_",
      "{", "}", ",",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<1000 {
      let count = Int.random(in: 1...12, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      #expect(Redactor.scrubParameters(text) == Self.scrubbedByExpressions(text), "\(text)")
    }
  }

  /// The scrub as the two regular expressions made it before the one-pass scanner.
  static func scrubbedByExpressions(_ text: String) -> String {
    guard
      text.range(of: "token", options: .caseInsensitive) != nil
        || text.range(of: "secret", options: .caseInsensitive) != nil
    else { return text }
    let parameter = #/(?i)([A-Za-z_]*(?:access_token|secret))=([^&\s"'<>]+)/#
    let member = #/(?i)"([A-Za-z_]*(?:access_token|secret))"(\s*):(\s*)"(?:[^"\\]|\\.)*"/#
    let placeholder = Redactor.placeholder
    var result = text.replacing(parameter) { match in "\(match.output.1)=\(placeholder)" }
    result = result.replacing(member) { match in
      "\"\(match.output.1)\"\(match.output.2):\(match.output.3)\"\(placeholder)\""
    }
    return result
  }

  @Test("registered values are scrubbed wherever they appear, longest first")
  func scrubValues() {
    let redactor = Redactor(secrets: ["sandbox-secret", "sandbox-secret-2", "abc"])
    #expect(
      redactor.scrub("secrets sandbox-secret-2 and sandbox-secret; abc stays")
        == "secrets <redacted> and <redacted>; abc stays")
    #expect(redactor.containsSecret("x sandbox-secret y"))
    #expect(!redactor.containsSecret("abc"))
  }

  @Test("no token or secret in any error description, log line or recorded request")
  func nothingLeaks() async throws {
    try await SandboxHarness.run { harness in
      let client = harness.wechat()
      var texts: [String] = []
      func record(_ response: PlatformResponse<some Sendable>) {
        texts.append(response.request.url)
        texts.append(String(decoding: response.request.body, as: UTF8.self))
      }
      record(try await client.createMenu(TestMenus.basic))
      record(try await client.getMenu())
      await harness.server.expireTokens()
      record(try await client.getCurrentSelfmenuInfo())
      for fault in [
        SandboxFault(.errorCode(40001, message: nil), count: 2),
        SandboxFault(.truncatedBody(keepingBytes: 3)), SandboxFault(.httpStatus(404)),
        SandboxFault(.droppedConnection, count: 9),
      ] {
        await harness.server.inject(fault, on: "/cgi-bin/menu/get")
        do throws(PlatformError) {
          _ = try await client.getMenu()
          Issue.record("fault \(fault) did not fail the call")
        } catch {
          texts.append(error.description)
          texts.append(String(describing: error))
          texts.append(String(reflecting: error))
        }
      }
      let weibo = harness.weibo()
      record(try await weibo.createMenu(TestMenus.basic))
      do throws(PlatformError) {
        _ = try await harness.weibo("wrong-weibo-token-1").deleteMenu()
      } catch {
        texts.append(error.description)
      }
      let token = try await harness.stableToken()
      let secrets = [
        token, SandboxHarness.secret, SandboxConfiguration.standardWeiboToken,
        "wrong-weibo-token-1",
      ]
      texts += harness.log.lines
      texts += await harness.server.calls().map { $0.line + $0.body }
      #expect(harness.log.lines.count > 10)
      for text in texts {
        for secret in secrets {
          #expect(!text.contains(secret), "\(secret) leaked in: \(text)")
        }
      }
      #expect(
        !String(describing: TokenSource.appCredentials(appID: "wx", secret: "hunter22")).contains(
          "hunter22"))
      #expect(!String(reflecting: TokenSource.accessToken("tok-123456")).contains("tok-123456"))
    }
  }
}
