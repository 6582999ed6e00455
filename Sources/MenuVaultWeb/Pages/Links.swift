import MenuVault

/// The paths of the pages, with names percent-encoded for a path segment.
enum Links {
  /// `/accounts/NAME`.
  static func account(_ name: String) -> String {
    "/accounts/" + PercentEncoding.encode(name)
  }
}
