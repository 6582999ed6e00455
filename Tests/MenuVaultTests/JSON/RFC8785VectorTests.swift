import Foundation
import Testing

@testable import MenuVault

@Suite("RFC 8785 canonical writer against the reference vectors")
struct RFC8785VectorTests {
  static let vectorNames = ["arrays", "french", "structures", "unicode", "values", "weird"]

  @Test("each reference input canonicalizes to its output byte for byte", arguments: vectorNames)
  func referenceVector(name: String) throws {
    let input = try TestFixtures.bytes("jcs/vectors/input/\(name).json")
    let expected = try TestFixtures.bytes("jcs/vectors/output/\(name).json")
    #expect(CanonicalJSON.bytes(try JSONParser.parse(input)) == expected)
  }

  @Test("the unmerged extra vector and the section 3.2.3 sorting vector")
  func extraVectors() throws {
    let input = try TestFixtures.bytes("jcs/vectors/extra-unmerged-987e82e/input/simpleString.json")
    let output = try TestFixtures.bytes(
      "jcs/vectors/extra-unmerged-987e82e/output/simpleString.json")
    #expect(CanonicalJSON.bytes(try JSONParser.parse(input)) == output)
    let sortInput = try TestFixtures.bytes("jcs/vectors/rfc8785-sec3.2.3/input.json")
    let sortOutput = try TestFixtures.bytes("jcs/vectors/rfc8785-sec3.2.3/output-derived.json")
    #expect(CanonicalJSON.bytes(try JSONParser.parse(sortInput)) == sortOutput)
  }

  @Test("content hashes of the reference outputs match the published SHA-256 list")
  func hashesOfOutputs() throws {
    let list = String(
      decoding: try TestFixtures.bytes("jcs/vectors/sha256-of-outputs.DERIVED.txt"), as: UTF8.self)
    var checked = 0
    for line in list.split(separator: "\n") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      guard parts.count == 2 else { continue }
      let path = String(parts[1])
      let file = path.hasPrefix("rfc8785") ? "jcs/vectors/\(path)" : "jcs/vectors/\(path)"
      let bytes = try TestFixtures.bytes(file)
      #expect(ContentHash.sha256Hex(bytes) == String(parts[0]), "\(path)")
      #expect(ContentHash.of(try JSONParser.parse(bytes)) == String(parts[0]), "\(path)")
      checked += 1
    }
    #expect(checked == 8)
  }

  @Test("every ECMAScript number vector serializes exactly; NaN and infinities are refused")
  func numberVectors() throws {
    var checked = 0
    for file in ["es6testfile-lines0001-1000.txt", "es6testfile-lines2169-3168-random.txt"] {
      let text = String(decoding: try TestFixtures.bytes("jcs/numbers/\(file)"), as: UTF8.self)
      for line in text.split(separator: "\n") {
        let parts = line.split(separator: ",")
        let bits = try #require(UInt64(String(parts[0]), radix: 16))
        #expect(ECMAScriptNumber.format(Double(bitPattern: bits)) == String(parts[1]), "\(line)")
        checked += 1
      }
    }
    #expect(checked == 2000)
    let appendix = String(
      decoding: try TestFixtures.bytes("jcs/numbers/rfc8785-appendixB.csv"), as: UTF8.self)
    for line in appendix.split(separator: "\n") {
      let parts = line.split(separator: ",")
      let bits = try #require(UInt64(String(parts[0]), radix: 16))
      let expected: String? = parts[1] == "ERROR" ? nil : String(parts[1])
      #expect(ECMAScriptNumber.format(Double(bitPattern: bits)) == expected, "\(line)")
    }
  }

  @Test(
    "hand-made number vectors around 1e21 and 1e-6",
    arguments: [
      (1e21, "1e+21"), (999_999_999_999_999_900_000, "999999999999999900000"), (1e-7, "1e-7"),
      (0.000001, "0.000001"), (0.0000012345, "0.0000012345"), (1.2345e-7, "1.2345e-7"),
      (-0.0, "0"), (123e20, "1.23e+22"), (1e20, "100000000000000000000"), (0.1, "0.1"),
      (-1.5, "-1.5"), (9_007_199_254_740_993, "9007199254740992"),
    ])
  func handMadeNumbers(value: Double, expected: String) {
    #expect(ECMAScriptNumber.format(value) == expected)
  }

  @Test("keys are sorted by UTF-16 code units, so one above U+FFFF sorts before U+FB33")
  func utf16Order() throws {
    let value = try JSONParser.parse(Array(#"{"\ufb33":1,"\ud83d\ude00":2,"a":3,"\u00e9":4}"#.utf8))
    #expect(CanonicalJSON.string(value) == "{\"a\":3,\"é\":4,\"😀\":2,\"דּ\":1}")
  }

  @Test("every control character is escaped as JCS requires; / and DEL are not")
  func escaping() {
    var text = ""
    for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
    text += "/\u{7F}\"\\"
    let expected =
      #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
      + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
      + "/\u{7F}\\\"\\\\\""
    #expect(CanonicalJSON.string(.string(text)) == expected)
  }

  @Test("pretty output keeps member order and indents by two spaces")
  func pretty() throws {
    let value = try JSONParser.parse(Array(#"{"b":[1,{"x":"\/"}],"a":{},"c":[]}"#.utf8))
    #expect(
      PrettyJSON.string(value)
        == "{\n  \"b\": [\n    1,\n    {\n      \"x\": \"/\"\n    }\n  ],\n  \"a\": {},\n  \"c\": []\n}"
    )
  }
}
