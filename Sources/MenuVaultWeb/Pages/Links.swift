import Foundation

/// The paths of the pages, with names percent-encoded for a path segment.
enum Links {
  /// `/accounts/NAME`.
  static func account(_ name: String) -> String {
    "/accounts/" + (name.addingPercentEncoding(withAllowedCharacters: segment) ?? name)
  }

  /// The characters a path segment keeps as they are (RFC 3986 unreserved).
  private static let segment = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
