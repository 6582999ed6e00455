import Foundation
import Logging

/// Settings shared by ``WeChatClient`` and ``WeiboClient``.
public struct ClientOptions: Sendable {
  /// How long one HTTP exchange may take before it counts as timed out.
  public var timeout: Duration
  /// When and how to retry.
  public var retry: RetryPolicy
  /// How long before its `expires_in` runs out a fetched token is replaced.
  public var tokenExpiryMargin: Duration
  /// How long a token command may run.
  public var tokenCommandTimeout: Duration
  /// Carries every HTTP exchange (``HTTPTransport``); libcurl, loaded on the first exchange, by
  /// default (``CurlTransport``). A server application gives its own HTTP client here.
  public var transport: any HTTPTransport
  /// Receives one line per exchange, retry and token fetch, every line already scrubbed by
  /// ``redactor`` (`access_token=<redacted>`); the metadata holds only the `endpoint` and the
  /// `attempt`, never a credential. Levels: `debug` for each exchange, `info` when a token is
  /// obtained, `notice` before a retry and when a refused token is replaced, `warning` when an
  /// exchange fails in transit (a timeout, a lost connection). A call's final failure is not
  /// logged: it is thrown. The default discards everything, so the library never prints; pass
  /// `Logger(label: "menuvault")` to use the handler `LoggingSystem.bootstrap` installed.
  public var logger: Logger
  /// The clock token expiry is measured with (tests move it forward).
  public var now: @Sendable () -> Date
  /// Scrubs credentials; the token providers register every secret and token with it.
  public var redactor: Redactor
  /// Where the token source's credential came from, in words its owner recognises: for a given
  /// token or a token command, where the token came from (`environment variable
  /// MENUVAULT_ACCESS_TOKEN`, or the token command and its text); for app credentials, where the
  /// secret came from (the app id is added). When the platform refuses the credential for good,
  /// the error names it:
  /// ``PlatformError/credentialRefused(platform:endpoint:code:message:credential:)``.
  /// `nil` (the default) leaves the platform's error as it is. Never the credential itself.
  public var credentialOrigin: String?
  /// Told of every exchange with the platform, each attempt of a retried call included: what a
  /// watcher counts against the platform's daily quotas and a metrics endpoint reports. `nil`
  /// (the default) tells nobody.
  public var onCall: (@Sendable (PlatformCall) -> Void)?

  /// Creates options; every argument has a production default.
  public init(
    timeout: Duration = .seconds(15), retry: RetryPolicy = .standard,
    tokenExpiryMargin: Duration = .seconds(300), tokenCommandTimeout: Duration = .seconds(30),
    transport: any HTTPTransport = CurlTransport(),
    logger: Logger = Logger(label: "menuvault", factory: { _ in SwiftLogNoOpLogHandler() }),
    now: @escaping @Sendable () -> Date = { Date() }, redactor: Redactor = Redactor(),
    credentialOrigin: String? = nil, onCall: (@Sendable (PlatformCall) -> Void)? = nil
  ) {
    self.timeout = timeout
    self.retry = retry
    self.tokenExpiryMargin = tokenExpiryMargin
    self.tokenCommandTimeout = tokenCommandTimeout
    self.transport = transport
    self.logger = logger
    self.now = now
    self.redactor = redactor
    self.credentialOrigin = credentialOrigin
    self.onCall = onCall
  }
}

/// One exchange with a platform, as ``ClientOptions/onCall`` is told of it: the endpoint (no
/// query, so no token), and how it ended.
public struct PlatformCall: Sendable, Equatable {
  /// The API path, e.g. `cgi-bin/menu/get` or `2/messages/menu/show.json`.
  public var endpoint: String
  /// The HTTP status; `nil` when no answer came (a timeout, a lost connection).
  public var status: Int?
  /// The platform's error code in the answer (`errcode`, Weibo's `error_code`); 0 for success,
  /// `nil` when there was no answer to read one from.
  public var errorCode: Int?

  /// Creates a call record.
  public init(endpoint: String, status: Int?, errorCode: Int?) {
    self.endpoint = endpoint
    self.status = status
    self.errorCode = errorCode
  }
}

extension Duration {
  /// The duration in seconds, as a `TimeInterval`: the package's one conversion.
  package var timeInterval: TimeInterval {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
