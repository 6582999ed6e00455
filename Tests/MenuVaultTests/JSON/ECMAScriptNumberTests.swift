import MenuVault
import Testing

@Suite("ECMAScript number serialization (RFC 8785 section 3.2.2.3)")
struct ECMAScriptNumberTests {
  /// `bits,expected` lines: the bits are hex with leading zeros stripped, `ERROR` means refused.
  static func check(_ line: Substring) throws {
    let parts = line.split(separator: ",")
    try #require(parts.count == 2, "malformed line \(line)")
    let hex = String(repeating: "0", count: max(0, 16 - parts[0].count)) + parts[0]
    let bits = try #require(UInt64(hex, radix: 16), "bad hex in \(line)")
    let expected: String? = parts[1] == "ERROR" ? nil : String(parts[1])
    #expect(ECMAScriptNumber.format(Double(bitPattern: bits)) == expected, "\(line)")
  }

  @Test(
    "every line of the reference generator's output serializes exactly",
    arguments: ["es6testfile-lines0001-1000.txt", "es6testfile-lines2169-3168-random.txt"])
  func referenceFile(name: String) throws {
    let lines = try JSONFixtures.lines("jcs/numbers/\(name)")
    #expect(lines.count == 1000)
    for line in lines { try Self.check(line) }
  }

  @Test("the RFC's appendix B table, NaN and Infinity refused")
  func appendixB() throws {
    let lines = try JSONFixtures.lines("jcs/numbers/rfc8785-appendixB.csv")
    #expect(lines.count == 26)
    for line in lines { try Self.check(line) }
  }

  @Test("NaN and both infinities have no ECMAScript JSON form")
  func nonFinite() {
    #expect(ECMAScriptNumber.format(.nan) == nil)
    #expect(ECMAScriptNumber.format(.infinity) == nil)
    #expect(ECMAScriptNumber.format(-.infinity) == nil)
  }

  @Test(
    "the switch to exponent form at 1e21 and below 1e-6, and other edges",
    arguments: [
      ("1e21", "1e+21"),
      ("999999999999999900000", "999999999999999900000"),
      ("1e20", "100000000000000000000"),
      ("123e20", "1.23e+22"),
      ("-1e21", "-1e+21"),
      ("1e-7", "1e-7"),
      ("0.000001", "0.000001"),
      ("0.0000012345", "0.0000012345"),
      ("1.2345e-7", "1.2345e-7"),
      ("-0", "0"),
      ("0", "0"),
      ("0.1", "0.1"),
      ("-1.5", "-1.5"),
      ("100", "100"),
      ("56.0", "56"),
      ("9007199254740991", "9007199254740991"),
      ("9007199254740993", "9007199254740992"),
      ("18014398509481984", "18014398509481984"),
      ("1152921504606846976", "1152921504606847000"),
      ("5e-324", "5e-324"),
      ("1.7976931348623157e308", "1.7976931348623157e+308"),
    ])
  func handMade(input: String, expected: String) throws {
    let value = try #require(Double(input))
    #expect(ECMAScriptNumber.format(value) == expected)
  }
}
