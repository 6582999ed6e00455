import Foundation
import MenuVaultJSON
import Testing

@Suite("hex digits: one encoder and decoder for hashes, tokens and escapes")
struct HexTests {
  @Test("every byte is two lowercase digits, or uppercase when asked")
  func encodesEveryByte() {
    let bytes = (0...255).map { UInt8($0) }
    let lower = Hex.encode(bytes)
    #expect(lower.count == 512)
    #expect(lower.hasPrefix("000102030405060708090a0b0c0d0e0f10"))
    #expect(lower.hasSuffix("f9fafbfcfdfeff"))
    #expect(Hex.encode(bytes, uppercase: true) == lower.uppercased())
    #expect(Hex.encode([UInt8]()) == "")
    #expect(Hex.encode(Data([0x0F, 0xA0])) == "0fa0")
    #expect(Hex.encode(AnySequence([0xDE, 0xAD])) == "dead", "a non-contiguous sequence")
    #expect(Hex.digits(of: 0x2F) == (UInt8(ascii: "2"), UInt8(ascii: "f")))
    #expect(Hex.digits(of: 0x2F, uppercase: true) == (UInt8(ascii: "2"), UInt8(ascii: "F")))
  }

  @Test("decoding reads either case and gives back what was encoded")
  func decodesWhatItEncodes() {
    let bytes = (0...255).map { UInt8($0) }
    #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    #expect(Hex.decode(Hex.encode(bytes, uppercase: true)) == bytes)
    #expect(Hex.decode("DeAd") == [0xDE, 0xAD])
    #expect(Hex.decode("") == [])
  }

  @Test(
    "an odd length or a character that is no hex digit decodes to nil",
    arguments: [
      "abc", "0g", "zz", " 0", "0x", "é0",
    ])
  func refusesWhatIsNotHex(text: String) {
    #expect(Hex.decode(text) == nil)
  }

  @Test("a hash's digest is 64 hex digits, no more and no fewer")
  func digestOfHash() {
    let hash = ContentHash.sha256Hex(Array("abc".utf8))
    #expect(hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(ContentHash.digest(hex: hash) == ContentHash.sha256(Array("abc".utf8)))
    #expect(ContentHash.digest(hex: hash.uppercased()) == ContentHash.sha256(Array("abc".utf8)))
    #expect(ContentHash.digest(hex: hash.dropLast(2)) == nil)
    #expect(ContentHash.digest(hex: hash + "00") == nil)
  }
}
