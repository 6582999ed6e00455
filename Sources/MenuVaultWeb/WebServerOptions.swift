/// What `menuvault serve` was started with.
public struct WebServerOptions: Sendable {
  /// The address to bind (default 127.0.0.1). Requests must name it, or `localhost`,
  /// `127.0.0.1` or `[::1]`, with the bound port in their `Host` header.
  public var host: String
  /// The port; 0 picks a free one.
  public var port: Int
  /// Whether the rollback routes exist at all.
  public var allowPublish: Bool
  /// How many snapshots a timeline page lists.
  public var pageSize: Int

  /// Creates options.
  public init(
    host: String = "127.0.0.1", port: Int = 0, allowPublish: Bool = false, pageSize: Int = 50
  ) {
    self.host = host
    self.port = port
    self.allowPublish = allowPublish
    self.pageSize = max(1, pageSize)
  }
}
