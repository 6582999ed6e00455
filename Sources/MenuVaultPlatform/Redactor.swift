import Foundation
import Synchronization

/// Scrubs credentials from text before it leaves the library: error descriptions, log lines and
/// recorded requests.
///
/// Two passes: every `name=value` query or form parameter and every `"name": "value"` JSON member
/// whose name ends in `access_token` or `secret` (`access_token`, `authorizer_access_token`,
/// `appsecret`, `secret`, ...) gets its value replaced by ``placeholder``; then every registered
/// secret value (app secrets, tokens as they are fetched) is replaced wherever it appears.
///
/// Thread-safe; the token providers register each token they obtain.
public final class Redactor: Sendable {
  /// What a scrubbed value becomes.
  public static let placeholder = "<redacted>"

  /// Values shorter than this are not scrubbed by value (they would mangle ordinary words);
  /// the parameter pass still catches them.
  public static let minimumSecretLength = 6

  /// The registered values, and an index of them by their first bytes.
  private let secrets = Mutex(Secrets())

  /// Creates a redactor that already knows `secrets`.
  public init(secrets: [String] = []) {
    for secret in secrets { register(secret) }
  }

  /// Adds a value to scrub from now on (an app secret, a token).
  public func register(_ secret: String) {
    let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count >= Self.minimumSecretLength else { return }
    secrets.withLock { $0.insert(trimmed) }
  }

  /// `text` with credential parameters and every registered secret replaced by ``placeholder``.
  public func scrub(_ text: String) -> String {
    var result = Self.scrubParameters(text)
    let known = secrets.withLock { $0 }
    for secret in known.candidates(in: result) where result.contains(secret) {
      result = result.replacingOccurrences(of: secret, with: Self.placeholder)
    }
    return result
  }

  /// `bytes` scrubbed as UTF-8 text (invalid sequences become U+FFFD).
  public func scrub(bytes: [UInt8]) -> [UInt8] {
    Array(scrub(String(decoding: bytes, as: UTF8.self)).utf8)
  }

  /// Whether `text` still holds a registered secret (for tests and assertions).
  public func containsSecret(_ text: String) -> Bool {
    secrets.withLock { $0.all.contains { text.contains($0) } }
  }

  /// `text` with the values of `…access_token=` / `…secret=` parameters and of
  /// `"…access_token": "…"` / `"…secret": "…"` JSON members replaced by ``placeholder``.
  ///
  /// What the regular expressions `([A-Za-z_]*(access_token|secret))=([^&\s"'<>]+)` and
  /// `"([A-Za-z_]*(access_token|secret))"(\s*):(\s*)"([^"\\]|\\.)*"` (names compared without
  /// case) would replace, read in one pass each: a regex literal is parsed again at every call
  /// (about a millisecond a line), and a `Regex` cannot be kept in a static property (it is not
  /// `Sendable`).
  public static func scrubParameters(_ text: String) -> String {
    guard
      text.range(of: "token", options: .caseInsensitive) != nil
        || text.range(of: "secret", options: .caseInsensitive) != nil
    else { return text }
    let scrubbed = scrubMembers(scrubQueryParameters(Array(text.unicodeScalars)))
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scrubbed)
    return String(result)
  }

  /// `NAME=VALUE` with a credential name: the value becomes the placeholder.
  private static func scrubQueryParameters(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if text[index] == "=", isCredentialName(text, endingAt: index) {
        var end = index + 1
        while end < text.count, isValueScalar(text[end]) { end += 1 }
        if end > index + 1 {
          result.append("=")
          result.append(contentsOf: placeholder.unicodeScalars)
          index = end
          continue
        }
      }
      result.append(text[index])
      index += 1
    }
    return result
  }

  /// `"NAME" : "VALUE"` with a credential name: the string's content becomes the placeholder.
  private static func scrubMembers(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if text[index] == "\"", let end = credentialMemberEnd(text, from: index) {
        // The name, its closing quote and what lies up to the value's opening quote, kept.
        var keep = index + 1
        while text[keep] != "\"" { keep += 1 }
        keep += 1
        while text[keep] != "\"" { keep += 1 }
        result.append(contentsOf: text[index...keep])
        result.append(contentsOf: placeholder.unicodeScalars)
        result.append("\"")
        index = end
        continue
      }
      result.append(text[index])
      index += 1
    }
    return result
  }

  /// Where a `"NAME"\s*:\s*"…"` member with a credential name that opens at `start` ends (after
  /// the value's closing quote), or `nil` when none opens there.
  private static func credentialMemberEnd(_ text: [Unicode.Scalar], from start: Int) -> Int? {
    var index = start + 1
    while index < text.count, isNameScalar(text[index]) { index += 1 }
    guard index < text.count, text[index] == "\"", isCredentialName(text, endingAt: index)
    else { return nil }
    index += 1
    while index < text.count, text[index].properties.isWhitespace { index += 1 }
    guard index < text.count, text[index] == ":" else { return nil }
    index += 1
    while index < text.count, text[index].properties.isWhitespace { index += 1 }
    guard index < text.count, text[index] == "\"" else { return nil }
    index += 1
    while index < text.count, text[index] != "\"" {
      index += text[index] == "\\" ? 2 : 1
    }
    return index < text.count ? index + 1 : nil
  }

  /// Whether the letters and underscores just before `end` end in `access_token` or `secret`,
  /// in any case.
  private static func isCredentialName(_ text: [Unicode.Scalar], endingAt end: Int) -> Bool {
    var start = end
    while start > 0, isNameScalar(text[start - 1]) { start -= 1 }
    let name = String(String.UnicodeScalarView(text[start..<end])).lowercased()
    return name.hasSuffix("access_token") || name.hasSuffix("secret")
  }

  private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  /// A scalar of a parameter's value: not `&`, a quote, `<`, `>` or white space.
  private static func isValueScalar(_ scalar: Unicode.Scalar) -> Bool {
    !"&\"'<>".unicodeScalars.contains(scalar) && !scalar.properties.isWhitespace
  }
}

/// The values a ``Redactor`` scrubs, indexed by their first bytes.
///
/// A sandbox serving many apps, or a process pulling many accounts with one redactor, knows
/// thousands of tokens: asking the text whether it contains each one (a Foundation search per
/// value) made scrubbing one line take milliseconds. The text is read once instead, six bytes at
/// a time, and only the values whose first six bytes occur in it are searched for. A value that
/// begins with other than ASCII (where Foundation's search also finds canonically equivalent
/// text, which a byte index would miss) is always searched for. Registering is constant time too:
/// a sandbox registers every token it issues.
private struct Secrets: Sendable {
  /// Every value.
  private(set) var all: Set<String> = []
  /// The values that begin with six ASCII bytes, by those bytes.
  private var byPrefix: [UInt64: [String]] = [:]
  /// The values that do not.
  private var unindexed: Set<String> = []

  mutating func insert(_ secret: String) {
    guard all.insert(secret).inserted else { return }
    if let key = Self.prefixKey(secret) {
      byPrefix[key, default: []].append(secret)
    } else {
      unindexed.insert(secret)
    }
  }

  /// The values `text` may contain (every value it contains, and maybe others), longest first,
  /// so a value that contains another is replaced whole.
  func candidates(in text: String) -> [String] {
    guard !all.isEmpty else { return [] }
    var found = unindexed
    if !byPrefix.isEmpty {
      var key: UInt64 = 0
      var length = 0
      for byte in text.utf8 {
        key = ((key << 8) | UInt64(byte)) & Self.prefixMask
        length += 1
        if length >= Self.prefixLength, let values = byPrefix[key] {
          found.formUnion(values)
        }
      }
    }
    return found.sorted { ($0.count, $0) > ($1.count, $1) }
  }

  private static let prefixLength = Redactor.minimumSecretLength
  private static let prefixMask: UInt64 = (1 << (8 * UInt64(prefixLength))) - 1

  /// The first six bytes of `secret` as one number, when they are ASCII.
  private static func prefixKey(_ secret: String) -> UInt64? {
    let bytes = secret.utf8.prefix(prefixLength)
    guard bytes.count == prefixLength, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    return bytes.reduce(0) { ($0 << 8) | UInt64($1) }
  }
}
