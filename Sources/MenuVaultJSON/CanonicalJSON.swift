/// The RFC 8785 (JSON Canonicalization Scheme) serialization of a ``JSONValue``: the bytes
/// ``ContentHash`` hashes.
///
/// No whitespace; object members sorted by the UTF-16 code units of their names, recursively;
/// strings escape only `"`, `\` and the controls below U+0020 (`\b \f \n \r \t`, the others as
/// lowercase `\u00xx`), everything else is raw UTF-8; numbers in ECMAScript form
/// (``ECMAScriptNumber``). See <https://www.rfc-editor.org/rfc/rfc8785#section-3.2>.
public enum CanonicalJSON {
  /// The canonical UTF-8 bytes of `value`.
  public static func bytes(_ value: JSONValue) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    JSONWriter(sortsKeys: true, indent: nil).write(value, to: &output)
    return output
  }

  /// The canonical text of `value` (the same characters as ``bytes(_:)``).
  public static func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }
}
