import HTTPTypes
import Hummingbird
import MenuVault

/// A response body ready to send again: its bytes, the headers that describe them, and its
/// strong entity tag (`ETag`), the SHA-256 of the bytes. What ``PageCache`` keeps, and how every
/// page and the stored bytes answer a conditional request.
///
/// A tag made from the bytes themselves is strong by construction (the same tag is the same
/// bytes), holds across restarts of the server, and stays the same when the vault changes
/// elsewhere than on the page: the browser is told "not modified" exactly when the bytes it
/// holds are the bytes it would get.
struct DrawnPage: Sendable {
  /// How a client may keep the bytes.
  enum Caching: Sendable {
    /// A page: kept by the browser only, asked for again every time (`no-cache`), and answered
    /// with 304 while its bytes are the same. `private`: the pages may sit behind a proxy's login,
    /// and a shared cache must not hand them to someone who has not logged in.
    case revalidate
    /// Bytes stored under their hash, which never change (a snapshot's raw and canonical bytes):
    /// kept a year and never asked for again (`immutable`). `private` for the same reason.
    case immutable

    /// The `Cache-Control` value.
    var header: String {
      switch self {
      case .revalidate: return "private, no-cache"
      case .immutable: return "private, max-age=31536000, immutable"
      }
    }
  }

  /// The bytes.
  let body: ByteBuffer
  /// `"<SHA-256 of the bytes, 64 hex digits>"`: the value of the `ETag` header.
  let entityTag: String
  /// Content type, `Vary` and `Cache-Control` (and a `Link`, for a timeline as JSON): what a 200
  /// carries besides the tag and the length.
  let headers: HTTPFields

  /// The bytes `bytes` of type `contentType`, cached as `caching` says; `variesWithAccept` for
  /// a URL that answers a page or JSON by the `Accept` header; `extra` headers added as given.
  init(
    _ bytes: [UInt8], contentType: String, caching: Caching, variesWithAccept: Bool,
    extra: HTTPFields = [:]
  ) {
    body = ByteBuffer(bytes: bytes)
    entityTag = "\"" + ContentHash.sha256Hex(bytes) + "\""
    var headers: HTTPFields = [.contentType: contentType, .cacheControl: caching.header]
    if variesWithAccept { headers[.vary] = "Accept" }
    headers.append(contentsOf: extra)
    headers[.eTag] = entityTag
    self.headers = headers
  }

  /// An HTML page (its URL answers JSON too).
  static func html(_ text: String) -> DrawnPage {
    DrawnPage(
      Array(text.utf8), contentType: "text/html; charset=utf-8", caching: .revalidate,
      variesWithAccept: true)
  }

  /// A page's JSON (its URL answers HTML too).
  static func json(_ bytes: [UInt8], extra: HTTPFields = [:]) -> DrawnPage {
    DrawnPage(
      bytes, contentType: "application/json", caching: .revalidate, variesWithAccept: true,
      extra: extra)
  }

  /// Stored bytes, addressed by their hash: the tag is the hash the vault keeps them under.
  static func stored(_ bytes: [UInt8], contentType: String) -> DrawnPage {
    DrawnPage(bytes, contentType: contentType, caching: .immutable, variesWithAccept: false)
  }

  /// The answer to `request`: 304 with the headers and no body when its `If-None-Match` names
  /// this page's tag (or is `*`), else 200 with the bytes.
  func response(to request: Request) -> Response {
    if EntityTags.anyMatches(request.headers[values: .ifNoneMatch], entityTag) {
      // RFC 9110 15.4.5: the fields a 200 would carry that describe caching, and no content.
      var headers = self.headers
      headers[.contentType] = nil
      return Response(status: .notModified, headers: headers)
    }
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
  }
}

/// Reading an `If-None-Match` header (RFC 9110 13.1.2): `*`, or a list of entity tags, each
/// perhaps weak (`W/"..."`), compared weakly (the quoted values alone).
enum EntityTags {
  /// Whether one of the `If-None-Match` header values matches `tag` (a quoted strong tag).
  static func anyMatches(_ values: [String], _ tag: String) -> Bool {
    values.contains { matches($0, tag) }
  }

  /// Whether the `If-None-Match` list `header` matches `tag`: `*` matches any tag, else one of
  /// the listed tags, without its `W/`, is `tag`. A list that cannot be read matches nothing
  /// (the page is sent in full).
  static func matches(_ header: String, _ tag: String) -> Bool {
    let target = Array(tag.utf8)
    var bytes = Array(header.utf8)[...]
    while true {
      while let first = bytes.first,
        first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
          || first == UInt8(ascii: ",")
      {
        bytes = bytes.dropFirst()
      }
      guard let first = bytes.first else { return false }
      if first == UInt8(ascii: "*") { return true }
      if bytes.starts(with: Array("W/".utf8)) { bytes = bytes.dropFirst(2) }
      guard bytes.first == UInt8(ascii: "\"") else { return false }
      guard let close = bytes.dropFirst().firstIndex(of: UInt8(ascii: "\"")) else { return false }
      if bytes[bytes.startIndex...close].elementsEqual(target) { return true }
      bytes = bytes[(close + 1)...]
    }
  }
}
