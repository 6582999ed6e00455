import MenuVault
import Testing

@Suite("RFC 8785 canonical writer against the reference vectors")
struct RFC8785VectorTests {
  @Test("the six reference vectors are all found")
  func vectorsPresent() {
    #expect(
      JSONFixtures.vectorNames == ["arrays", "french", "structures", "unicode", "values", "weird"])
  }

  @Test(
    "each reference input canonicalizes to its output byte for byte",
    arguments: JSONFixtures.vectorNames)
  func referenceVector(name: String) throws {
    let input = try JSONFixtures.bytes("jcs/vectors/input/\(name).json")
    let expected = try JSONFixtures.bytes("jcs/vectors/output/\(name).json")
    #expect(CanonicalJSON.bytes(try JSONParser.parse(input)) == expected)
    // The output is a fixed point, and outhex holds the same bytes.
    #expect(CanonicalJSON.bytes(try JSONParser.parse(expected)) == expected)
    let hex = try JSONFixtures.lines("jcs/vectors/outhex/\(name).txt")
      .flatMap { $0.split(separator: " ") }.compactMap { UInt8($0, radix: 16) }
    #expect(hex == expected)
  }

  @Test("the unmerged extra vector: a string with leading whitespace around it")
  func extraUnmergedVector() throws {
    let folder = "jcs/vectors/extra-unmerged-987e82e"
    let input = try JSONFixtures.bytes("\(folder)/input/simpleString.json")
    let expected = try JSONFixtures.bytes("\(folder)/output/simpleString.json")
    #expect(CanonicalJSON.bytes(try JSONParser.parse(input)) == expected)
  }

  @Test("the section 3.2.3 sorting vector comes out in the RFC's value order")
  func sortingVector() throws {
    let folder = "jcs/vectors/rfc8785-sec3.2.3"
    let value = try JSONParser.parse(try JSONFixtures.bytes("\(folder)/input.json"))
    let expected = try JSONFixtures.bytes("\(folder)/output-derived.json")
    #expect(CanonicalJSON.bytes(value) == expected)
    let order = try JSONFixtures.lines("\(folder)/expected-value-order.txt").map(String.init)
    let sorted = try JSONParser.parse(CanonicalJSON.bytes(value))
    guard case .object(let members) = sorted else {
      Issue.record("not an object: \(sorted)")
      return
    }
    #expect(members.map(\.value) == order.map(JSONValue.string))
  }

  static let publishedHashes: [(hash: String, path: String)] = {
    let lines = (try? JSONFixtures.lines("jcs/vectors/sha256-of-outputs.DERIVED.txt")) ?? []
    return lines.compactMap { line in
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      guard parts.count == 2 else { return nil }
      return (String(parts[0]), String(parts[1]))
    }
  }()

  @Test("the published SHA-256 list has all eight outputs")
  func hashListComplete() {
    #expect(Self.publishedHashes.count == 8)
  }

  @Test(
    "the content hash of each vector output equals its published SHA-256",
    arguments: publishedHashes)
  func contentHash(hash: String, path: String) throws {
    let output = try JSONFixtures.bytes("jcs/vectors/\(path)")
    #expect(ContentHash.of(try JSONParser.parse(output)) == hash)
    #expect(ContentHash.sha256Hex(output) == hash)
  }
}
