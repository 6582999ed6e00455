import Foundation
import MenuVault
import Testing

/// The crashes the fuzz target (Fuzz/FuzzNormalize.swift) found, kept under Fixtures/fuzz.
@Suite("Reliability: fuzz crashes stay fixed")
struct ReliabilityFuzzRegressionTests {
  static let cases = ((try? TestFixtures.files(in: "fuzz")) ?? []).filter { $0.hasSuffix(".json") }

  @Test("there is a fixture for every crash found")
  func fixturesPresent() {
    #expect(Self.cases.count >= 2)
  }

  @Test(
    "shape detection refuses the input with a thrown error; read as any forced shape, it does not trap",
    arguments: cases)
  func refused(_ file: String) throws {
    let bytes = try TestFixtures.bytes("fuzz/\(file)")
    for platform in [Platform.wechat, .weibo] {
      #expect(throws: NormalizeError.self) {
        _ = try Normalizer.normalize(bytes, platform: platform)
      }
      // A trap would end the test process; whether a forced shape accepts the input is not
      // the point (some do: the crash was in reading an error code).
      for shape in DocumentShape.allCases {
        _ = try? Normalizer.normalize(bytes, platform: platform, shape: shape)
      }
    }
  }

  @Test("an error code beyond Int is a type error at its path, not a trap")
  func errorCodeBeyondInt() throws {
    let bytes = try TestFixtures.bytes("fuzz/crash-errcode-beyond-int.json")
    #expect(
      throws: NormalizeError.wrongType(
        path: "errcode", expected: "an integer error code", found: "the number 7.708e+35")
    ) {
      _ = try Normalizer.normalize(bytes)
    }
    #expect(
      throws: NormalizeError.wrongType(
        path: "error_code", expected: "an integer error code", found: "the number 1e+300")
    ) {
      _ = try Normalizer.normalize(Array(#"{"error_code":1e300,"error":"x"}"#.utf8))
    }
    #expect(throws: NormalizeError.apiError(code: 40018, message: "x")) {
      _ = try Normalizer.normalize(Array(#"{"errcode":40018,"errmsg":"x"}"#.utf8))
    }
  }

  @Test("canonical bytes parse and re-canonicalize to themselves", arguments: cases)
  func canonicalRoundTrip(_ file: String) throws {
    let value = try JSONParser.parse(try TestFixtures.bytes("fuzz/\(file)"))
    let canonical = CanonicalJSON.bytes(value)
    #expect(CanonicalJSON.bytes(try JSONParser.parse(canonical)) == canonical)
  }
}
