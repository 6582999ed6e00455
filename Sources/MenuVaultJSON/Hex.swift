/// Hexadecimal digits for bytes, written once for the package: content hashes and digests,
/// tokens, the `\u00xx` escapes of JSON, the `%XX` escapes of URLs. A table lookup per digit.
package enum Hex {
  /// `bytes` as hex, two digits per byte (`[0x0f, 0xa0]` is `0fa0`).
  package static func encode(_ bytes: UnsafeRawBufferPointer, uppercase: Bool = false) -> String {
    let digits = uppercase ? upperDigits : lowerDigits
    return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
      var position = 0
      for byte in bytes {
        text[position] = digits[Int(byte >> 4)]
        text[position + 1] = digits[Int(byte & 0x0F)]
        position += 2
      }
      return position
    }
  }

  /// `bytes` as hex, two digits per byte (`[0x0f, 0xa0]` is `0fa0`).
  package static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      encode(UnsafeRawBufferPointer(buffer), uppercase: uppercase)
    }
    if let contiguous { return contiguous }
    return Array(bytes).withUnsafeBytes { encode($0, uppercase: uppercase) }
  }

  /// The bytes `text` spells, two hex digits (either case) per byte; `nil` when it has an odd
  /// number of characters or one that is not a hex digit.
  package static func decode(_ text: some StringProtocol) -> [UInt8]? {
    let utf8 = text.utf8
    guard utf8.count.isMultiple(of: 2) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count / 2)
    var iterator = utf8.makeIterator()
    while let first = iterator.next(), let second = iterator.next() {
      guard let high = value(ofDigit: first), let low = value(ofDigit: second) else { return nil }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  /// The two digits of `byte`, as UTF-8 code units (`0x2f` is `2` and `f`).
  package static func digits(of byte: UInt8, uppercase: Bool = false) -> (high: UInt8, low: UInt8) {
    let digits = uppercase ? upperDigits : lowerDigits
    return (digits[Int(byte >> 4)], digits[Int(byte & 0x0F)])
  }

  /// The value of one hex digit (`0-9`, `a-f`, `A-F`, as a UTF-8 code unit), or `nil` when
  /// `character` is not one.
  package static func value(ofDigit character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)
  private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
