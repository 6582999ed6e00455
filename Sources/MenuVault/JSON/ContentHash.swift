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
    let digest = SHA256.hash(data: bytes)
    var hex = ""
    hex.reserveCapacity(64)
    for byte in digest {
      hex.append(hexDigits[Int(byte >> 4)])
      hex.append(hexDigits[Int(byte & 0x0F)])
    }
    return hex
  }

  private static let hexDigits: [Character] = Array("0123456789abcdef")
}
