/// What `menuvault serve` was started with.
public struct WebServerOptions: Sendable {
  /// The address to bind (default 127.0.0.1).
  public var host: String
  /// The port; 0 picks a free one.
  public var port: Int
  /// Whether the rollback routes exist at all.
  public var allowPublish: Bool

  /// Creates options.
  public init(host: String = "127.0.0.1", port: Int = 0, allowPublish: Bool = false) {
    self.host = host
    self.port = port
    self.allowPublish = allowPublish
  }
}
