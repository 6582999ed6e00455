import MenuVault
import Testing

@Suite("pretty JSON for people")
struct PrettyJSONTests {
  @Test("members keep their stored order and nest by two spaces, with no trailing newline")
  func layout() throws {
    let value = try JSONParser.parse(
      Array(#"{"b":[1,{"x":"\/","y":null}],"a":{},"c":[],"d":"\u0007é","e":1E21}"#.utf8))
    let expected = """
      {
        "b": [
          1,
          {
            "x": "/",
            "y": null
          }
        ],
        "a": {},
        "c": [],
        "d": "\\u0007é",
        "e": 1e+21
      }
      """
    #expect(PrettyJSON.string(value) == expected)
  }

  @Test("a scalar document is one line")
  func scalar() {
    #expect(PrettyJSON.string(.string("a\"b")) == #""a\"b""#)
    #expect(PrettyJSON.string(.number(0.5)) == "0.5")
  }

  @Test("pretty output parses back to the same value")
  func roundTrip() throws {
    for name in JSONFixtures.vectorNames {
      let value = try JSONParser.parse(try JSONFixtures.bytes("jcs/vectors/input/\(name).json"))
      #expect(try JSONParser.parse(Array(PrettyJSON.string(value).utf8)) == value, "\(name)")
    }
  }
}
