import Foundation
import MenuVault

/// What `menuvault serve` was started with, checked when made: a page that can publish is
/// served on a loopback address only, whoever builds the server.
public struct WebServerOptions: Sendable {
  /// The address to bind (default 127.0.0.1). Requests must name it, or `localhost`,
  /// `127.0.0.1` or `[::1]`, with the bound port in their `Host` header.
  public let host: String
  /// The port; 0 picks a free one.
  public let port: Int
  /// Whether the rollback routes exist at all.
  public let allowPublish: Bool
  /// How many snapshots a timeline page lists.
  public let pageSize: Int
  /// The address people reach the pages at through a reverse proxy
  /// (`https://menus.example.com`): its host is accepted in `Host` and its origin in `Origin`
  /// and `Referer`, and it is the base of every absolute link (the alerts' too).
  public let publicURL: URL?

  /// Creates options.
  ///
  /// - Throws: ``WebServerOptionsError`` for a host that is no address, a port out of range, or
  ///   publishing on an address other machines can reach (a wildcard such as `0.0.0.0` too),
  ///   or a public URL that is not an http(s) origin.
  public init(
    host: String = "127.0.0.1", port: Int = 0, allowPublish: Bool = false, pageSize: Int = 50,
    publicURL: String? = nil
  ) throws(WebServerOptionsError) {
    guard host.lowercased() == "localhost" || HostAddress.isIPAddress(host) else {
      throw .notAnAddress(host: host)
    }
    guard (0...65535).contains(port) else { throw .notAPort(port) }
    // The Host check is no login: a page that can publish stays on this machine.
    if allowPublish && !HostAddress.isLoopback(host) { throw .publishingOffLoopback(host: host) }
    self.host = host
    self.port = port
    self.allowPublish = allowPublish
    self.pageSize = max(1, pageSize)
    if let publicURL {
      guard let url = URL(string: publicURL), let scheme = url.scheme?.lowercased(),
        scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
        url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil,
        url.user == nil
      else { throw .notAPublicURL(publicURL) }
      self.publicURL = url
    } else {
      self.publicURL = nil
    }
  }

  /// The public URL's origin, `https://menus.example.com` (with its port when it names one).
  var publicOrigin: String? {
    guard let publicURL, let scheme = publicURL.scheme, let host = publicURL.host else {
      return nil
    }
    return "\(scheme.lowercased())://\(host.lowercased())" + (publicURL.port.map { ":\($0)" } ?? "")
  }
}

/// Why options for the web server were refused.
public enum WebServerOptionsError: Error, Equatable, LocalizedError {
  /// The host is neither an IPv4 or IPv6 address nor `localhost`.
  case notAnAddress(host: String)
  /// The port is outside 0-65535.
  case notAPort(Int)
  /// Publishing was asked for on an address other machines can reach.
  case publishingOffLoopback(host: String)
  /// The public URL is not an http(s) origin (a scheme and a host, no path, query or user).
  case notAPublicURL(String)

  /// One lowercase line.
  public var errorDescription: String? {
    switch self {
    case .notAnAddress(let host):
      return "'\(host)' is not an IPv4 or IPv6 address: use 127.0.0.1, ::1 or localhost"
    case .notAPort(let port):
      return "\(port) is not a port: give 0 to 65535"
    case .publishingOffLoopback(let host):
      return "pages that publish are served only on a loopback address (127.0.0.1, ::1): '\(host)' "
        + "would let anyone who can reach it roll back a live menu"
    case .notAPublicURL(let text):
      return "'\(text)' is not a public address: give an http(s) origin such as "
        + "https://menus.example.com, with no path"
    }
  }
}
