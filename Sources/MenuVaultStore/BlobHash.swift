import Crypto
import Foundation

/// SHA-256 digests as the vault stores them (32 bytes) and shows them (64 lowercase hex digits).
enum BlobHash {
  /// The 32-byte SHA-256 digest of `bytes`.
  static func digest<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
    SHA256.hash(data: bytes).withUnsafeBytes { [UInt8]($0) }
  }

  /// Lowercase hex of a digest (or any bytes).
  static func hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { utf8 in
      var position = 0
      for byte in bytes {
        utf8[position] = hexDigits[Int(byte >> 4)]
        utf8[position + 1] = hexDigits[Int(byte & 0x0F)]
        position += 2
      }
      return position
    }
  }

  /// The digest written as 64 hex digits (either case), or `nil` when `text` is not one.
  static func digest(hex text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count == 64 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    var index = 0
    while index < 64 {
      guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  private static func nibble(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
