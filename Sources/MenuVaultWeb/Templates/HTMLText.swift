import Mustache

/// How the templates escape `{{name}}` for HTML, as element content or a double-quoted attribute
/// value: `&`, `<`, `>`, `"` and `'` become character references.
///
/// Mustache's own HTML escaping compares whole `Character`s, so a quote followed by a combining
/// mark (`"` U+0301 is one `Character`) went through unescaped and ended an attribute value early.
/// This one reads Unicode scalars, as a browser does, and returns the text itself, with no copy,
/// when nothing needs escaping (most values: ids, hashes, paths, times).
struct HTMLText: MustacheContentType {
  /// The name the templates declare it by: `{{% CONTENT_TYPE: HTML_SCALARS }}`.
  static let name = "HTML_SCALARS"

  func escapeText(_ text: String) -> String {
    HTMLText.escape(text)
  }

  /// `text` with the five characters replaced by character references.
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: needsEscaping) else { return text }
    var output = ""
    output.reserveCapacity(text.utf8.count + 16)
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
    return output
  }

  /// Whether a UTF-8 byte is one of the five characters ``escape(_:)`` replaces (none of them
  /// is part of a longer UTF-8 sequence).
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
