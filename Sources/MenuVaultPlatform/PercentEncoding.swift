import MenuVaultJSON

/// Percent-encoding (RFC 3986 section 2.1), written once for the package: the query strings and
/// form bodies the clients send and the sandbox reads, and the account names in the history
/// browser's paths.
package enum PercentEncoding {
  /// Whether `byte` is written as it is: RFC 3986's unreserved characters, `A-Z a-z 0-9 - . _ ~`.
  /// Every other byte is `%XX`, so an encoded text is safe as a path segment, a query value and a
  /// form value alike (a `+`, `&`, `=`, `/` or `?` inside it stays data).
  package static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default: false
    }
  }

  /// `text` with every UTF-8 byte that is not ``isUnreserved(_:)`` written as `%XX` (uppercase
  /// hex): `a b/é` is `a%20b%2F%C3%A9`.
  package static func encode(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if isUnreserved(byte) {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let digits = Hex.digits(of: byte, uppercase: true)
        output.unicodeScalars.append("%")
        output.unicodeScalars.append(Unicode.Scalar(digits.high))
        output.unicodeScalars.append(Unicode.Scalar(digits.low))
      }
    }
    return output
  }

  /// `text` with each `%XX` turned back into its byte; a `%` not followed by two hex digits stays
  /// as it is, and bytes that are not UTF-8 become U+FFFD.
  /// - Parameter plusIsSpace: Whether `+` means a space, as in a form body or a query string
  ///   (`application/x-www-form-urlencoded`); in a path it is a plus.
  package static func decode(_ text: some StringProtocol, plusIsSpace: Bool) -> String {
    let input = Array(text.utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      let byte = input[index]
      if plusIsSpace && byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
        let high = Hex.value(ofDigit: input[index + 1]),
        let low = Hex.value(ofDigit: input[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 2
      } else {
        bytes.append(byte)
      }
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
