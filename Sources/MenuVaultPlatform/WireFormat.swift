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

  /// `pairs` as a form body or query string: `name=value&...`, each name and value written by
  /// ``PercentEncoding/encode(_:)`` (so `+` and `&` inside values stay data).
  package static func form(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }
      .joined(separator: "&")
  }

  /// Decodes a form body or query string; `+` is a space, `%XX` a byte. Pairs without `=` get
  /// an empty value; undecodable escapes are kept as they are.
  package static func parseForm(_ text: String) -> [(String, String)] {
    text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = PercentEncoding.decode(parts[0], plusIsSpace: true)
      let value = parts.count > 1 ? PercentEncoding.decode(parts[1], plusIsSpace: true) : ""
      return (name, value)
    }
  }
}
