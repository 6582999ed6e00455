#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rules for the addresses our servers bind (the web page, the sandbox), written once.
package enum HostAddress {
  /// Whether `host` is a numeric IPv4 or IPv6 address (`127.0.0.1`, `::1`, `0.0.0.0`).
  package static func isIPAddress(_ host: String) -> Bool {
    var ipv4 = in_addr()
    var ipv6 = in6_addr()
    return inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
  }

  /// Whether only this machine can reach `host`: `localhost`, 127.0.0.0/8 or `::1`.
  /// A wildcard (`0.0.0.0`, `::`) is not: it listens on every interface.
  package static func isLoopback(_ host: String) -> Bool {
    if host.lowercased() == "localhost" { return true }
    var ipv4 = in_addr()
    if inet_pton(AF_INET, host, &ipv4) == 1 {
      return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
    }
    var ipv6 = in6_addr()
    guard inet_pton(AF_INET6, host, &ipv6) == 1 else { return false }
    return withUnsafeBytes(of: &ipv6) { bytes in
      bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
    }
  }

  /// `host` as a URL writes it: an IPv6 address in brackets.
  package static func inURL(_ host: String) -> String {
    host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
  }
}
