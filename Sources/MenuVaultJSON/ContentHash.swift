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
    return digest.withUnsafeBytes { digestBytes in
      String(unsafeUninitializedCapacity: 64) { hex in
        for (position, byte) in digestBytes.enumerated() {
          hex[2 * position] = hexDigits[Int(byte >> 4)]
          hex[2 * position + 1] = hexDigits[Int(byte & 0x0F)]
        }
        return 2 * digestBytes.count
      }
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
