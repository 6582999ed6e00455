import Testing

@testable import MenuVault

@Suite("the strict JSON parser refuses what RFC 8785 and I-JSON refuse")
struct StrictParserTests {
  static let refusals: [(String, [UInt8], JSONParseError)] = [
    ("empty", [], .init(offset: 0, reason: .emptyInput)),
    ("whitespace only", Array("  \n".utf8), .init(offset: 3, reason: .emptyInput)),
    ("duplicate key", Array(#"{"a":1,"a":2}"#.utf8), .init(offset: 7, reason: .duplicateKey("a"))),
    (
      "duplicate key via escape", Array(#"{"a":1,"\u0061":2}"#.utf8),
      .init(offset: 7, reason: .duplicateKey("a"))
    ),
    ("lone high surrogate", Array(#"["\ud83d"]"#.utf8), .init(offset: 2, reason: .loneSurrogate)),
    ("lone low surrogate", Array(#"["x\ude00"]"#.utf8), .init(offset: 3, reason: .loneSurrogate)),
    (
      "high then non-low", Array(#"["\ud83d\u0041"]"#.utf8),
      .init(offset: 2, reason: .loneSurrogate)
    ),
    ("invalid UTF-8 byte", [0x22, 0x61, 0xFF, 0x22], .init(offset: 2, reason: .invalidUTF8)),
    ("overlong slash", [0x22, 0xC0, 0xAF, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    (
      "UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    (
      "beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    ("truncated sequence", [0x22, 0xE4, 0xBB, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    ("NaN", Array("[NaN]".utf8), .init(offset: 1, reason: .unexpectedByte(0x4E))),
    ("Infinity", Array("[-Infinity]".utf8), .init(offset: 1, reason: .invalidNumber)),
    ("overflow", Array("[1e400]".utf8), .init(offset: 1, reason: .numberOutOfRange)),
    ("leading zero", Array("[01]".utf8), .init(offset: 1, reason: .invalidNumber)),
    ("plus sign", Array("[+1]".utf8), .init(offset: 1, reason: .unexpectedByte(0x2B))),
    ("bare dot", Array("[1.]".utf8), .init(offset: 1, reason: .invalidNumber)),
    ("trailing garbage", Array(#"{"a":1} x"#.utf8), .init(offset: 8, reason: .trailingContent)),
    ("two documents", Array("{}{}".utf8), .init(offset: 2, reason: .trailingContent)),
    (
      "control char", [0x22, 0x61, 0x0A, 0x22], .init(offset: 2, reason: .controlCharacterInString)
    ),
    ("bad escape", Array(#"["\x"]"#.utf8), .init(offset: 2, reason: .invalidEscape)),
    ("truncated", Array(#"{"button":["#.utf8), .init(offset: 11, reason: .unexpectedEnd)),
    ("single quotes", Array("{'a':1}".utf8), .init(offset: 1, reason: .unexpectedByte(0x27))),
    ("trailing comma", Array("[1,]".utf8), .init(offset: 3, reason: .unexpectedByte(0x5D))),
  ]

  @Test("each refusal names the reason and the byte offset", arguments: refusals)
  func refusal(name: String, input: [UInt8], expected: JSONParseError) {
    #expect(throws: expected, "\(name)") { try JSONParser.parse(input) }
  }

  @Test("100,000 levels of nesting are refused at the limit, without a stack overflow")
  func deepNesting() {
    let deep = [UInt8](repeating: 0x5B, count: 100_000)
    #expect(throws: JSONParseError(offset: 256, reason: .tooDeep(limit: 256))) {
      try JSONParser.parse(deep)
    }
    let atLimit = [UInt8](repeating: 0x5B, count: 256) + [UInt8](repeating: 0x5D, count: 256)
    #expect((try? JSONParser.parse(atLimit)) != nil)
  }

  @Test("accepts a BOM, escaped slashes, \\u CJK, surrogate pairs, big integers and underflow")
  func acceptance() throws {
    let value = try JSONParser.parse(
      [0xEF, 0xBB, 0xBF]
        + Array(
          #"{"u":"http:\/\/x\/","n":"\u4eca\u65e5","e":"\ud83d\ude00","i":208396938,"z":1e-400}"#
            .utf8))
    #expect(value["u"] == .string("http://x/"))
    #expect(value["n"] == .string("今日"))
    #expect(value["e"] == .string("😀"))
    #expect(value["i"] == .number(208_396_938))
    #expect(value["z"] == .number(0))
  }

  @Test("the message is one line: byte offset, then what is wrong")
  func message() {
    #expect(
      JSONParseError(offset: 42, reason: .duplicateKey("name")).description
        == "byte 42: duplicate key \"name\"")
  }
}
