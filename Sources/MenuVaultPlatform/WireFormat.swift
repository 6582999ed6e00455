import MenuVaultJSON

/// The byte forms requests and responses travel in: compact JSON that keeps member order, and
/// `application/x-www-form-urlencoded` pairs. Shared with the sandbox, which speaks the same
/// formats; not for library users.
package enum WireFormat {
  /// `value` as compact JSON with its members in stored order (`{"type":"click","name":...}`),
  /// strings and numbers written as ``CanonicalJSON`` writes them.
  package static func json(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(512)
    JSONWriter(sortsKeys: false, indent: nil).write(value, to: &output)
    return output
  }

  /// `pairs` as a form body or query string: `name=value&...`, every byte outside the RFC 3986
  /// unreserved set percent-encoded (so `+` and `&` inside values stay data).
  package static func form(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
  }

  /// Decodes a form body or query string; `+` is a space, `%XX` a byte. Pairs without `=` get
  /// an empty value; undecodable escapes are kept as they are.
  package static func parseForm(_ text: String) -> [(String, String)] {
    text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = percentDecode(String(parts[0]))
      let value = parts.count > 1 ? percentDecode(String(parts[1])) : ""
      return (name, value)
    }
  }

  /// `text` with every byte outside `A-Z a-z 0-9 - . _ ~` written as `%XX`.
  package static func percentEncode(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        output.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let digits = Hex.digits(of: byte, uppercase: true)
        output.unicodeScalars.append("%")
        output.unicodeScalars.append(Unicode.Scalar(digits.high))
        output.unicodeScalars.append(Unicode.Scalar(digits.low))
      }
    }
    return output
  }

  /// Decodes `+` and `%XX`; invalid escapes stay as they are, invalid UTF-8 becomes U+FFFD.
  package static func percentDecode(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    let input = Array(text.utf8)
    var index = 0
    while index < input.count {
      let byte = input[index]
      if byte == UInt8(ascii: "+") {
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
