import Crypto
import Foundation

/// The content hash MenuVault gives a document: lowercase hex SHA-256 of its RFC 8785 canonical
/// UTF-8 bytes. Anyone can recompute it with any RFC 8785 library and `sha256sum`.
public enum ContentHash {
  /// The content hash of a JSON value: SHA-256 of `CanonicalJSON.bytes(value)`, lowercase hex.
  public static func of(_ value: JSONValue) -> String {
    sha256Hex(CanonicalJSON.bytes(value))
  }

  /// Lowercase hex SHA-256 of arbitrary bytes (used for raw response bytes and blobs).
  public static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
    SHA256.hash(data: bytes).withUnsafeBytes { Hex.encode($0) }
  }

  /// The 32-byte SHA-256 digest of `bytes`: what ``sha256Hex(_:)`` writes in hex, and what the
  /// vault keys its blobs by.
  package static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
    SHA256.hash(data: bytes).withUnsafeBytes { [UInt8]($0) }
  }

  /// The digest a hash spells (64 hex digits, either case), or `nil` when `text` is not one.
  package static func digest(hex text: some StringProtocol) -> [UInt8]? {
    guard text.utf8.count == 2 * SHA256.byteCount else { return nil }
    return Hex.decode(text)
  }
}
