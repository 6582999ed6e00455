import Foundation
import MenuVault
import Testing

@Suite("the strict JSON parser refuses what RFC 8785 and I-JSON refuse")
struct StrictParserTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// `"k0":0,"k1":0,...,"k39":0,`: enough members for the hash-set duplicate check.
  static let fortyMembers = (0..<40).map { "\"k\($0)\":0," }.joined()

  static let refusals: [(String, [UInt8], JSONParseError)] = [
    ("empty", [], .init(offset: 0, reason: .emptyInput)),
    ("whitespace only", bytes("  \n"), .init(offset: 3, reason: .emptyInput)),
    ("byte order mark only", [0xEF, 0xBB, 0xBF], .init(offset: 3, reason: .emptyInput)),
    (
      "two byte order marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x30],
      .init(offset: 3, reason: .unexpectedByte(0xEF))
    ),
    // Duplicate keys, compared after unescaping.
    ("duplicate key", bytes(#"{"a":1,"a":2}"#), .init(offset: 7, reason: .duplicateKey("a"))),
    (
      "duplicate key via escape", bytes(#"{"a":1,"\u0061":2}"#),
      .init(offset: 7, reason: .duplicateKey("a"))
    ),
    (
      "duplicate key via \\/", bytes(#"{"a/b":1,"a\/b":2}"#),
      .init(offset: 9, reason: .duplicateKey("a/b"))
    ),
    (
      "duplicate key via surrogate pair", bytes(#"{"😀":1,"\ud83d\uDE00":2}"#),
      .init(offset: 10, reason: .duplicateKey("😀"))
    ),
    (
      "duplicate key nested", bytes(#"[{"x":{"k":1,"k":2}}]"#),
      .init(offset: 13, reason: .duplicateKey("k"))
    ),
    (
      "duplicate key in a large object", bytes("{" + fortyMembers + #""k17":1}"#),
      .init(offset: 1 + fortyMembers.utf8.count, reason: .duplicateKey("k17"))
    ),
    // Surrogates.
    ("lone high surrogate", bytes(#"["\ud83d"]"#), .init(offset: 2, reason: .loneSurrogate)),
    (
      "lone high surrogate at end of text", bytes(#"["ab\ud83dc"]"#),
      .init(offset: 4, reason: .loneSurrogate)
    ),
    ("lone low surrogate", bytes(#"["x\ude00"]"#), .init(offset: 3, reason: .loneSurrogate)),
    ("high then non-low", bytes(#"["\ud83d\u0041"]"#), .init(offset: 2, reason: .loneSurrogate)),
    ("two highs", bytes(#"["\uD83D\uD83D"]"#), .init(offset: 2, reason: .loneSurrogate)),
    // Ill-formed UTF-8.
    ("invalid UTF-8 byte", [0x22, 0x61, 0xFF, 0x22], .init(offset: 2, reason: .invalidUTF8)),
    ("lone continuation byte", [0x22, 0x80, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    ("overlong slash", [0x22, 0xC0, 0xAF, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    ("overlong C1", [0x22, 0xC1, 0xBF, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    (
      "overlong three bytes", [0x22, 0xE0, 0x80, 0xAF, 0x22], .init(offset: 1, reason: .invalidUTF8)
    ),
    (
      "overlong four bytes", [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    (
      "UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    (
      "UTF-8 encoded low surrogate", [0x22, 0xED, 0xBF, 0xBF, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    (
      "beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
      .init(offset: 1, reason: .invalidUTF8)
    ),
    ("F5 lead byte", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    ("truncated sequence", [0x22, 0xE4, 0xBB, 0x22], .init(offset: 1, reason: .invalidUTF8)),
    (
      "truncated at end of input", [0x22, 0x61, 0xF0, 0x9F, 0x98],
      .init(offset: 2, reason: .invalidUTF8)
    ),
    (
      "invalid UTF-8 after an escape", [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22],
      .init(offset: 3, reason: .invalidUTF8)
    ),
    (
      "non-ASCII outside a string", [0x5B, 0xC3, 0xA9, 0x5D],
      .init(offset: 1, reason: .unexpectedByte(0xC3))
    ),
    // Words other than true, false, null.
    ("NaN", bytes("[NaN]"), .init(offset: 1, reason: .unexpectedByte(0x4E))),
    ("bare NaN", bytes("NaN"), .init(offset: 0, reason: .unexpectedByte(0x4E))),
    ("Infinity", bytes("Infinity"), .init(offset: 0, reason: .unexpectedByte(0x49))),
    ("minus Infinity", bytes("[-Infinity]"), .init(offset: 1, reason: .invalidNumber)),
    ("True", bytes("True"), .init(offset: 0, reason: .unexpectedByte(0x54))),
    ("undefined", bytes(#"{"a":undefined}"#), .init(offset: 5, reason: .unexpectedByte(0x75))),
    ("misspelled null", bytes("[nul1]"), .init(offset: 4, reason: .unexpectedByte(0x31))),
    ("truncated literal", bytes("fals"), .init(offset: 4, reason: .unexpectedEnd)),
    ("literal run on", bytes("nullx"), .init(offset: 4, reason: .trailingContent)),
    // Numbers.
    ("overflow", bytes("[1e400]"), .init(offset: 1, reason: .numberOutOfRange)),
    ("negative overflow", bytes(#"{"n":-1e400}"#), .init(offset: 5, reason: .numberOutOfRange)),
    (
      "overflow by rounding", bytes("1.7976931348623159e308"),
      .init(offset: 0, reason: .numberOutOfRange)
    ),
    (
      "overflow by length", bytes("1" + String(repeating: "0", count: 400)),
      .init(offset: 0, reason: .numberOutOfRange)
    ),
    ("leading zero", bytes("[01]"), .init(offset: 1, reason: .invalidNumber)),
    ("negative leading zero", bytes("-012"), .init(offset: 0, reason: .invalidNumber)),
    ("double zero", bytes("00"), .init(offset: 0, reason: .invalidNumber)),
    ("plus sign", bytes("[+1]"), .init(offset: 1, reason: .unexpectedByte(0x2B))),
    ("minus plus", bytes("-+1"), .init(offset: 0, reason: .invalidNumber)),
    ("minus alone", bytes("-"), .init(offset: 0, reason: .invalidNumber)),
    ("bare dot", bytes("[1.]"), .init(offset: 1, reason: .invalidNumber)),
    ("leading dot", bytes(".5"), .init(offset: 0, reason: .unexpectedByte(0x2E))),
    ("dot then exponent", bytes("1.e5"), .init(offset: 0, reason: .invalidNumber)),
    ("empty exponent", bytes("[1e]"), .init(offset: 1, reason: .invalidNumber)),
    ("signed empty exponent", bytes("1E-"), .init(offset: 0, reason: .invalidNumber)),
    ("hex", bytes("0x10"), .init(offset: 1, reason: .trailingContent)),
    // Strings.
    (
      "control char", [0x22, 0x61, 0x0A, 0x22], .init(offset: 2, reason: .controlCharacterInString)
    ),
    ("raw NUL", [0x22, 0x00, 0x22], .init(offset: 1, reason: .controlCharacterInString)),
    (
      "raw tab after an escape", [0x22, 0x5C, 0x74, 0x09, 0x22],
      .init(offset: 3, reason: .controlCharacterInString)
    ),
    (
      "raw U+001F", [0x5B, 0x22, 0x1F, 0x22, 0x5D],
      .init(offset: 2, reason: .controlCharacterInString)
    ),
    (
      "control char after a long plain run", bytes("[\"abcdefghijklmnopq\u{01}\"]"),
      .init(offset: 19, reason: .controlCharacterInString)
    ),
    (
      "invalid UTF-8 after a long plain run", bytes("\"abcdefghijklmnop") + [0xC3, 0x41, 0x22],
      .init(offset: 17, reason: .invalidUTF8)
    ),
    ("bad escape", bytes(#"["\x"]"#), .init(offset: 2, reason: .invalidEscape)),
    ("single-quote escape", bytes(#""\'""#), .init(offset: 1, reason: .invalidEscape)),
    ("capital U escape", bytes(#""\U0041""#), .init(offset: 1, reason: .invalidEscape)),
    ("bad hex digit", bytes(#""ab\u00G0""#), .init(offset: 3, reason: .invalidEscape)),
    ("short hex", bytes(#""\u41""#), .init(offset: 1, reason: .invalidEscape)),
    ("unterminated string", bytes(#"["abc"#), .init(offset: 5, reason: .unexpectedEnd)),
    ("unterminated escape", bytes(#""\"#), .init(offset: 2, reason: .unexpectedEnd)),
    // Structure.
    ("trailing garbage", bytes(#"{"a":1} x"#), .init(offset: 8, reason: .trailingContent)),
    ("two documents", bytes("{}{}"), .init(offset: 2, reason: .trailingContent)),
    ("truncated", bytes(#"{"button":["#), .init(offset: 11, reason: .unexpectedEnd)),
    ("single quotes", bytes("{'a':1}"), .init(offset: 1, reason: .unexpectedByte(0x27))),
    ("trailing comma", bytes("[1,]"), .init(offset: 3, reason: .unexpectedByte(0x5D))),
    (
      "trailing comma in object", bytes(#"{"a":1,}"#),
      .init(offset: 7, reason: .unexpectedByte(0x7D))
    ),
    ("missing colon", bytes(#"{"a" 1}"#), .init(offset: 5, reason: .unexpectedByte(0x31))),
    ("missing comma", bytes("[1 2]"), .init(offset: 3, reason: .unexpectedByte(0x32))),
    ("unquoted key", bytes("{a:1}"), .init(offset: 1, reason: .unexpectedByte(0x61))),
    ("mismatched bracket", bytes("[1}"), .init(offset: 2, reason: .unexpectedByte(0x7D))),
    (
      "form feed is not whitespace", bytes("\u{0C}1"),
      .init(offset: 0, reason: .unexpectedByte(0x0C))
    ),
  ]

  @Test("each refusal names the reason and the byte offset", arguments: refusals)
  func refusal(name: String, input: [UInt8], expected: JSONParseError) {
    #expect(throws: expected, "\(name)") { try JSONParser.parse(input) }
    #expect(throws: expected, "\(name) as Data") { try JSONParser.parse(Data(input)) }
  }

  @Test("100,000 levels of nesting are refused at the limit, quickly and without a stack overflow")
  func deepNesting() throws {
    let clock = ContinuousClock()
    let started = clock.now
    #expect(throws: JSONParseError(offset: 256, reason: .tooDeep(limit: 256))) {
      try JSONParser.parse([UInt8](repeating: 0x5B, count: 100_000))
    }
    let objects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
    #expect(throws: JSONParseError(offset: 256 * 5, reason: .tooDeep(limit: 256))) {
      try JSONParser.parse(objects)
    }
    #expect(clock.now - started < .seconds(1))
  }

  @Test("exactly the maximum depth is accepted, and the limit can be changed")
  func depthLimit() throws {
    let atLimit = [UInt8](repeating: 0x5B, count: 256) + [UInt8](repeating: 0x5D, count: 256)
    #expect(throws: Never.self) { try JSONParser.parse(atLimit) }
    #expect(throws: JSONParseError(offset: 2, reason: .tooDeep(limit: 2))) {
      try JSONParser.parse(Array("[[[]]]".utf8), maximumDepth: 2)
    }
    #expect(throws: JSONParseError(offset: 0, reason: .tooDeep(limit: 0))) {
      try JSONParser.parse(Array("{}".utf8), maximumDepth: 0)
    }
    #expect(try JSONParser.parse(Array("7".utf8), maximumDepth: 0) == .number(7))
    let deep = [UInt8](repeating: 0x5B, count: 2_000) + [UInt8](repeating: 0x5D, count: 2_000)
    var value = try JSONParser.parse(deep, maximumDepth: 2_000)
    var depth = 0
    while case .array(let elements) = value, let first = elements.first {
      value = first
      depth += 1
    }
    #expect(depth == 1_999)
  }

  @Test("accepts a BOM, escaped slashes, \\u CJK, surrogate pairs, big integers and underflow")
  func acceptance() throws {
    let value = try JSONParser.parse(
      [0xEF, 0xBB, 0xBF]
        + Self.bytes(
          #" {"u":"http:\/\/x\/","n":"\u4eca\u65e5","e":"\ud83d\ude00\uD83D\uDE02","i":208396938,"#
            + #""z":1e-400,"big":12345678901234567890123,"neg":-9007199254740993,"raw":"今日😀"}"#
            + "\t\r\n "))
    #expect(value["u"] == .string("http://x/"))
    #expect(value["n"] == .string("今日"))
    #expect(value["e"] == .string("😀😂"))
    #expect(value["i"] == .number(208_396_938))
    #expect(value["z"] == .number(0))
    #expect(value["big"] == .number(1.2345678901234568e22))
    #expect(value["neg"] == .number(-9_007_199_254_740_992))
    #expect(value["raw"] == .string("今日😀"))
  }

  @Test("members keep document order; the same key in different objects is fine")
  func memberOrder() throws {
    let value = try JSONParser.parse(
      Self.bytes(#"{"b":{"a":1},"a":{"a":2},"c":[{"a":3},{"a":4}]}"#))
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["b", "a", "c"])
    #expect(
      value["c"]
        == .array([.object([JSONMember("a", .number(3))]), .object([JSONMember("a", .number(4))])]))
  }

  @Test("canonically equivalent keys are distinct keys, not duplicates")
  func canonicallyEquivalentKeys() throws {
    let value = try JSONParser.parse(Self.bytes(#"{"\u00e9":1,"e\u0301":2}"#))
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map { Array($0.key.unicodeScalars) } == [["\u{E9}"], ["e", "\u{301}"]])
    // Also past the linear scan, where keys go into a hash set.
    let many = (0..<30).map { "\"k\($0)\":0," }.joined()
    let large = try JSONParser.parse(Self.bytes("{" + many + #""\u00e9":1,"e\u0301":2}"#))
    guard case .object(let largeMembers) = large else {
      Issue.record("not an object")
      return
    }
    #expect(largeMembers.count == 32)
  }

  @Test(
    "numbers are correctly rounded",
    arguments: [
      ("0", 0.0), ("-0", -0.0), ("0.1", 0.1), ("-1.5e-7", -1.5e-7),
      ("333333333.33333329", 333_333_333.333_333_3),
      ("1E30", 1e30), ("4.50", 4.5), ("2e-3", 0.002), ("0.000000000000000000000000001", 1e-27),
      ("9007199254740993", 9_007_199_254_740_992), ("9007199254740995", 9_007_199_254_740_996),
      ("1.00000000000000011102230246251565404236316680908203125", 1.0),
      ("1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002),
      ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
      ("4.9e-324", .leastNonzeroMagnitude), ("2e-324", 0),
      ("1.7976931348623157e308", 1.7976931348623157e308),
      ("123456789012345678", 123_456_789_012_345_680),
      ("0.30000000000000004", 0.30000000000000004), ("1e22", 1e22), ("1e23", 1e23), ("12e-1", 1.2),
      ("0e999999999999", 0), ("1e-99999999999999999999", 0),
    ])
  func numbers(text: String, expected: Double) throws {
    let value = try JSONParser.parse(Self.bytes(text))
    guard case .number(let number) = value else {
      Issue.record("not a number: \(value)")
      return
    }
    #expect(number.bitPattern == expected.bitPattern, "\(text) -> \(number)")
  }

  @Test("long strings mixing plain runs, escapes and non-ASCII decode exactly")
  func longStrings() throws {
    let text = #""abcdefghij\"klmnopqrstuvwxyz é0123456789\u00e9ABCDEFGHIJKLMNOP😀qrstuvwx\\""#
    #expect(
      try JSONParser.parse(Self.bytes(text))
        == .string("abcdefghij\"klmnopqrstuvwxyz é0123456789éABCDEFGHIJKLMNOP😀qrstuvwx\\"))
    let plain = #""0123456789abcdefghijklmnopqrstuvwxyz 0123456789 é""#
    #expect(
      try JSONParser.parse(Self.bytes(plain))
        == .string("0123456789abcdefghijklmnopqrstuvwxyz 0123456789 é"))
  }

  @Test("Data slices are parsed from their own start")
  func dataSlice() throws {
    let data = Data("xx[1,\"a\"]".utf8).dropFirst(2)
    #expect(try JSONParser.parse(data) == .array([.number(1), .string("a")]))
  }

  @Test(
    "the message is one lowercase line: byte offset, then what is wrong",
    arguments: [
      (
        JSONParseError(offset: 42, reason: .duplicateKey("name")), #"byte 42: duplicate key "name""#
      ),
      (
        JSONParseError(offset: 9, reason: .duplicateKey("a\n\"b")),
        #"byte 9: duplicate key "a\n\"b""#
      ),
      (JSONParseError(offset: 7, reason: .invalidUTF8), "byte 7: invalid UTF-8"),
      (JSONParseError(offset: 0, reason: .emptyInput), "byte 0: empty input"),
      (
        JSONParseError(offset: 3, reason: .tooDeep(limit: 256)),
        "byte 3: nesting deeper than 256 levels"
      ),
      (
        JSONParseError(offset: 1, reason: .unexpectedByte(0x4E)), "byte 1: unexpected character 'N'"
      ),
      (JSONParseError(offset: 0, reason: .unexpectedByte(0x0C)), "byte 0: unexpected byte 0x0c"),
      (
        JSONParseError(offset: 5, reason: .numberOutOfRange),
        "byte 5: number out of range for a double"
      ),
    ])
  func message(error: JSONParseError, expected: String) {
    #expect(error.description == expected)
    #expect(error.errorDescription == expected)
  }
}
