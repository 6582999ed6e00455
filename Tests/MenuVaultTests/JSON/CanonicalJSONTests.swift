import MenuVault
import Testing

@testable import MenuVaultJSON

@Suite("RFC 8785 canonical form: key order, string escaping, numbers")
struct CanonicalJSONTests {
  @Test("U+1F600 sorts before U+FB33: UTF-16 order (D83D < FB33), not UTF-8 order")
  func keysAboveBMP() {
    let value = JSONValue.object([
      JSONMember("\u{FB33}", .number(1)), JSONMember("\u{1F600}", .number(2)),
      JSONMember("\u{E000}", .number(3)), JSONMember("\u{10FFFF}", .number(4)),
    ])
    #expect(
      CanonicalJSON.string(value)
        == "{\"\u{1F600}\":2,\"\u{10FFFF}\":4,\"\u{E000}\":3,\"\u{FB33}\":1}")
    // Sanity check of the premise: UTF-8 byte order is the opposite.
    #expect(Array("\u{FB33}".utf8).lexicographicallyPrecedes(Array("\u{1F600}".utf8)))
  }

  @Test(
    "the key comparison agrees with comparing UTF-16 code units",
    arguments: [
      ("a", "b"), ("a", "ab"), ("", "a"), ("\u{1F600}", "\u{FB33}"), ("\u{FB33}", "\u{1F600}"),
      ("x\u{1F600}", "x\u{E000}"), ("\u{1F600}", "\u{1F601}"), ("\u{7F}", "\u{80}"),
      ("\u{FFFF}", "\u{10000}"), ("\u{D7FF}", "\u{10000}"), ("é", "e\u{301}"), ("same", "same"),
    ])
  func keyOrder(left: String, right: String) {
    let expected = left.utf16.lexicographicallyPrecedes(right.utf16)
    #expect(JSONWriter.precedesInUTF16Order(left, right) == expected)
  }

  @Test("members are sorted at every level; arrays keep their order")
  func recursiveSort() throws {
    let value = try JSONParser.parse(Array(#"{"b":[{"z":1,"y":2}],"a":{"d":{"f":0,"e":0}}}"#.utf8))
    #expect(CanonicalJSON.string(value) == #"{"a":{"d":{"e":0,"f":0}},"b":[{"y":2,"z":1}]}"#)
  }

  @Test("canonically equivalent keys are different keys, ordered by code units")
  func canonicallyEquivalentKeys() throws {
    let value = try JSONParser.parse(Array(#"{"\u00c5":1,"A\u030a":2}"#.utf8))
    #expect(CanonicalJSON.string(value) == "{\"A\u{30A}\":2,\"\u{C5}\":1}")
  }

  @Test("every control character is escaped as JCS requires; / and DEL and non-ASCII are not")
  func escaping() {
    var text = ""
    for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
    text += "/\u{7F}\"\\é€😀"
    let expected =
      #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
      + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b"#
      + #"\u001c\u001d\u001e\u001f/"# + "\u{7F}" + #"\"\\é€😀""#
    #expect(CanonicalJSON.string(.string(text)) == expected)
  }

  @Test(
    "each control character alone has exactly one escape",
    arguments: 0..<0x20)
  func controlCharacter(code: Int) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let named: [Int: String] = [
      0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#,
    ]
    let hex = String(code, radix: 16)
    let escape = named[code] ?? #"\u00"# + (hex.count == 1 ? "0" : "") + hex
    #expect(CanonicalJSON.string(.string(String(Character(scalar)))) == "\"\(escape)\"")
    // And the parser reads the escape back to the same character.
    #expect(try JSONParser.parse(Array("\"\(escape)\"".utf8)) == .string(String(Character(scalar))))
  }

  @Test("literals, numbers and empty containers have no whitespace")
  func scalars() {
    let value = JSONValue.array([
      .null, .bool(true), .bool(false), .number(-0.0), .number(1e21), .string(""), .array([]),
      .object([]),
    ])
    #expect(CanonicalJSON.string(value) == #"[null,true,false,0,1e+21,"",[],{}]"#)
    #expect(CanonicalJSON.bytes(value) == Array(CanonicalJSON.string(value).utf8))
  }

  @Test("a hand-built NaN or infinity, which the parser never yields, is written as null")
  func nonFiniteLastResort() {
    #expect(CanonicalJSON.string(.array([.number(.nan), .number(-.infinity)])) == "[null,null]")
  }
}

@Suite("JSONWriter's pieces for objects written member by member (export lines)")
struct JSONWriterPiecesTests {
  @Test("raw UTF-8 bytes are quoted with the escapes of a string")
  func quotedBytes() {
    let text =
      (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
      + "\"\\/\u{7F}é今😀 plain text long enough for the eight-byte scan"
    var fromString: [UInt8] = []
    JSONWriter.appendQuoted(text, to: &fromString)
    var fromBytes: [UInt8] = []
    Array(text.utf8).withUnsafeBufferPointer { JSONWriter.appendQuoted(utf8: $0, to: &fromBytes) }
    #expect(fromBytes == fromString)
    let written = String(decoding: fromBytes, as: UTF8.self)
    #expect(
      written.hasPrefix(#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#)
    )
    #expect(written.contains(#"\u001f\"\\/"# + "\u{7F}é今😀 plain"))
  }

  @Test("members and integers: compact, exact beyond 2^53")
  func membersAndIntegers() {
    var output: [UInt8] = [UInt8(ascii: "{")]
    JSONWriter.appendMemberName("id", first: true, to: &output)
    JSONWriter.appendInteger(9_007_199_254_740_993, to: &output)
    JSONWriter.appendMemberName("a\"b", first: false, to: &output)
    JSONWriter(sortsKeys: false, indent: nil).write(.array([.string("x"), .null]), to: &output)
    output.append(UInt8(ascii: "}"))
    #expect(
      String(decoding: output, as: UTF8.self) == #"{"id":9007199254740993,"a\"b":["x",null]}"#)
  }
}
