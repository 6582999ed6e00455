/// Escaping for text that goes into HTML, as element content or as a double-quoted attribute value.
enum HTML {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, so it reads as text
  /// wherever it lands (element content or a quoted attribute) and never as markup.
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: needsEscaping) else { return text }
    var output = ""
    output.reserveCapacity(text.utf8.count + 16)
    escape(text, into: &output)
    return output
  }

  /// Appends `text`, escaped as ``escape(_:)`` does, to `output` (no copy when nothing needs it).
  static func escape(_ text: String, into output: inout String) {
    guard text.utf8.contains(where: needsEscaping) else {
      output += text
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&#39;"
      default: output.unicodeScalars.append(scalar)
      }
    }
  }

  /// Whether a UTF-8 byte is one of the five characters ``escape(_:)`` replaces.
  private static func needsEscaping(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
      UInt8(ascii: "'"):
      return true
    default:
      return false
    }
  }
}
