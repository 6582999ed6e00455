/// Human-readable JSON for people: two-space indent, `"name": value`, object members in their
/// stored order, `[]` and `{}` for empty containers, the same string escaping and number form as
/// ``CanonicalJSON``.
public enum PrettyJSON {
  /// `value` as indented text, without a trailing newline.
  public static func string(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    JSONWriter(sortsKeys: false, indent: 2).write(value, to: &output)
    return String(decoding: output, as: UTF8.self)
  }
}
