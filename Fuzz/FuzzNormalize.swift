// libFuzzer target for the strict JSON parser, the RFC 8785 writer, the normalizer and the
// validator. Not part of the SwiftPM build: scripts/stress builds MenuVaultJSON (with
// Fuzz/ContentHashShim.swift in place of ContentHash.swift) and MenuVaultCore as modules with
//
//   swiftc -sanitize=fuzzer,address -parse-as-library -O -package-name menuvault ...
//
// links this file against them and runs it for a bounded time. Any crash is a bug: the library
// must refuse every input with a thrown error. Beyond "does not crash", each input checks two
// properties:
//
// - canonical round trip: when x parses, c = canonical(parse(x)) parses, and canonical(parse(c))
//   is c again, byte for byte (the content hash is stable);
// - normalization is idempotent: when x normalizes to a document with canonical bytes n, reading
//   n as a create payload gives n again (the stored canonical bytes re-read as the same menu).

import MenuVaultCore
import MenuVaultJSON

/// Stops the run with a message libFuzzer reports with the input that caused it.
func fuzzFailure(_ message: String, _ input: [UInt8]) -> Never {
  let shown = String(decoding: input.prefix(512), as: UTF8.self)
  fatalError("fuzz property broken: \(message)\ninput (\(input.count) bytes): \(shown)")
}

/// Checks that the test build's SHA-256 stand-in is right before the first input.
let shimIsCorrect: Bool = {
  ContentHash.sha256Hex(Array("abc".utf8))
    == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
}()

/// libFuzzer's entry point: one input, every check; returns 0 (keep the input if it is new).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  precondition(shimIsCorrect, "the SHA-256 stand-in is wrong")
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  checkCanonicalRoundTrip(bytes)
  for platform in [Platform.wechat, .weibo] {
    checkNormalize(bytes, platform: platform, shape: nil)
  }
  for shape in DocumentShape.allCases {
    checkNormalize(bytes, platform: .wechat, shape: shape)
  }
  return 0
}

func checkCanonicalRoundTrip(_ bytes: [UInt8]) {
  guard let value = try? JSONParser.parse(bytes) else { return }
  let canonical = CanonicalJSON.bytes(value)
  let reparsed: JSONValue
  do {
    reparsed = try JSONParser.parse(canonical)
  } catch {
    fuzzFailure("canonical bytes do not parse: \(error.description)", bytes)
  }
  let again = CanonicalJSON.bytes(reparsed)
  guard again == canonical else {
    fuzzFailure(
      "canonical bytes are not stable: \(String(decoding: canonical, as: UTF8.self)) then "
        + String(decoding: again, as: UTF8.self), bytes)
  }
  _ = PrettyJSON.string(value)
}

func checkNormalize(_ bytes: [UInt8], platform: Platform, shape: DocumentShape?) {
  guard let menu = try? Normalizer.normalize(bytes, platform: platform, shape: shape) else {
    return
  }
  _ = MenuValidator(platform: platform).findings(in: menu.readMenuSet)
  _ = MenuValidator(platform: platform).findings(in: menu.menuSet)
  let reread: NormalizedMenu
  do {
    reread = try Normalizer.normalize(menu.canonicalBytes, platform: platform, shape: .create)
  } catch {
    fuzzFailure(
      "normalized bytes \(String(decoding: menu.canonicalBytes, as: UTF8.self)) cannot be "
        + "read back (\(platform.rawValue), \(shape?.rawValue ?? "detected")): \(error.description)",
      bytes)
  }
  guard reread.canonicalBytes == menu.canonicalBytes else {
    fuzzFailure(
      "normalizing is not idempotent (\(platform.rawValue), \(shape?.rawValue ?? "detected")): "
        + "\(String(decoding: menu.canonicalBytes, as: UTF8.self)) became "
        + String(decoding: reread.canonicalBytes, as: UTF8.self), bytes)
  }
}
