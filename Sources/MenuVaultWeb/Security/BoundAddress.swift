import Foundation
import MenuVault
import Synchronization

/// The address the server answers to: the host it was started for and the port it is bound to,
/// known once the socket is bound when port 0 was asked for. Requests name one of its
/// ``authorities`` in their `Host` header, or are refused (DNS rebinding).
final class BoundAddress: Sendable {
  /// The host the server was started for (`127.0.0.1`, `::1`, `localhost`, ...).
  let host: String
  /// The origin people reach it at through a reverse proxy (`https://menus.example.com`).
  let publicOrigin: String?
  /// The bound port and the `Host` values that name it; nil and empty until the port is known.
  private let binding = Mutex<(port: Int?, authorities: Set<String>)>((nil, []))

  /// An address whose port is `port`, or not known yet when `port` is 0.
  init(host: String, port: Int, publicOrigin: String? = nil) {
    self.host = host
    self.publicOrigin = publicOrigin
    if port != 0 { bound(port: port) }
  }

  /// The port the server listens on, once known.
  var port: Int? {
    binding.withLock { $0.port }
  }

  /// Records the port the socket was bound to, and the `Host` values that name it.
  func bound(port: Int) {
    let names = [HostAddress.inURL(host).lowercased(), "localhost", "127.0.0.1", "[::1]"]
    var allowed = Set(names.map { "\($0):\(port)" })
    if port == 80 { allowed.formUnion(names) }
    binding.withLock { $0 = (port, allowed) }
  }

  /// `http://HOST:PORT/`, once the port is known.
  var url: String? { port.map { "http://\(HostAddress.inURL(host)):\($0)/" } }

  /// The `Host` values the server answers to (lowercase): the host it was started for,
  /// `localhost`, `127.0.0.1` and `[::1]`, each with the bound port (and without it too when the
  /// port is 80, the default of `http`). Empty until the port is known.
  var authorities: Set<String> {
    binding.withLock { $0.authorities }
  }

  /// Whether `authority` (a `Host` header value) names this server.
  func accepts(authority: String) -> Bool {
    let authority = authority.lowercased()
    if let publicOrigin, publicOrigin.hasSuffix("://" + authority) { return true }
    return authorities.contains(authority)
  }

  /// Whether `origin` (an `Origin` header value, `http://host:port`) is this server's origin.
  func accepts(origin: String) -> Bool {
    if let publicOrigin, origin.lowercased() == publicOrigin { return true }
    let prefix = "http://"
    guard origin.lowercased().hasPrefix(prefix) else { return false }
    return authorities.contains(String(origin.lowercased().dropFirst(prefix.count)))
  }

  /// Whether `referer` (a `Referer` header value) is a page of this server.
  func accepts(referer: String) -> Bool {
    if let publicOrigin, referer.lowercased().hasPrefix(publicOrigin + "/") { return true }
    let prefix = "http://"
    guard referer.lowercased().hasPrefix(prefix) else { return false }
    let rest = referer.dropFirst(prefix.count)
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return authorities.contains(authority.lowercased())
  }
}
