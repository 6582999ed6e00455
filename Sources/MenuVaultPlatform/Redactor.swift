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

  /// The registered values, longest first.
  private let secrets = Mutex<[String]>([])

  /// Creates a redactor that already knows `secrets`.
  public init(secrets: [String] = []) {
    for secret in secrets { register(secret) }
  }

  /// Adds a value to scrub from now on (an app secret, a token).
  public func register(_ secret: String) {
    let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count >= Self.minimumSecretLength else { return }
    secrets.withLock { secrets in
      guard !secrets.contains(trimmed) else { return }
      secrets.append(trimmed)
      // Longest first, so a secret that contains another is replaced whole.
      secrets.sort { $0.count > $1.count }
    }
  }

  /// `text` with credential parameters and every registered secret replaced by ``placeholder``.
  public func scrub(_ text: String) -> String {
    var result = Self.scrubParameters(text)
    let known = secrets.withLock { $0 }
    for secret in known where result.contains(secret) {
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
    secrets.withLock { $0.contains { text.contains($0) } }
  }

  /// `text` with the values of `…access_token=` / `…secret=` parameters and of
  /// `"…access_token": "…"` / `"…secret": "…"` JSON members replaced by ``placeholder``.
  public static func scrubParameters(_ text: String) -> String {
    guard
      text.range(of: "token", options: .caseInsensitive) != nil
        || text.range(of: "secret", options: .caseInsensitive) != nil
    else { return text }
    let parameter = #/(?i)([A-Za-z_]*(?:access_token|secret))=([^&\s"'<>]+)/#
    let member = #/(?i)"([A-Za-z_]*(?:access_token|secret))"(\s*):(\s*)"(?:[^"\\]|\\.)*"/#
    var result = text.replacing(parameter) { match in
      "\(match.output.1)=\(placeholder)"
    }
    result = result.replacing(member) { match in
      "\"\(match.output.1)\"\(match.output.2):\(match.output.3)\"\(placeholder)\""
    }
    return result
  }
}
