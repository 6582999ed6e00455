import MenuVaultJSON

/// How the button types that only the mp.weixin.qq.com website sets are carried into the create
/// API (see
/// <https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Getting_Custom_Menu_Configurations.html>).
///
/// - `news` with `value` (a permanent material id): `media_id`, converted.
/// - `news` without `value` (older responses): `view` to the first article's `content_url`, lossy.
/// - `text`: `click` with a key derived from the text, lossy, plus a ``TextReply``.
/// - `img`, `voice`, `video`: their `value` is a temporary material that changes on every fetch,
///   so only type and name are kept, as an unpublishable entry.
/// - anything else: an unpublishable entry, never dropped.
enum WebsiteButtonConversion {
  struct Result {
    var button: Button
    var note: FidelityNote?
    var reply: TextReply?
  }

  /// The prefix of the click keys derived from website `text` buttons.
  static let textKeyPrefix = "mv_text_"

  /// The deterministic click key for a text: `mv_text_` + the first 24 hex digits of its SHA-256
  /// (32 bytes, well under the 128-byte key limit).
  static func clickKey(forText text: String) -> String {
    textKeyPrefix + ContentHash.sha256Hex(Array(text.utf8)).prefix(24)
  }

  static func convert(_ reader: DocumentReader, type: String, name: String?, at path: String)
    throws(NormalizeError) -> Result
  {
    func note(_ fidelity: Fidelity, _ detail: String) -> FidelityNote {
      FidelityNote(path: path, name: name, sourceType: type, fidelity: fidelity, detail: detail)
    }
    let value = try reader.string("value")
    switch type {
    case "news":
      if let value {
        return Result(
          button: .init(name: name, type: ButtonKind.mediaId.rawValue, fields: [.mediaID: value]),
          note: note(
            .converted, "news became media_id \(value) (its news_info stays in the raw bytes)"))
      }
      if let url = try firstArticleURL(reader) {
        return Result(
          button: .init(name: name, type: ButtonKind.view.rawValue, fields: [.url: url]),
          note: note(.lossy, "news without a media id became a view of its first article \(url)"))
      }
      return unpublishable(
        name: name, type: type,
        note: note(.unpublishable, "news with neither a media id nor an article url"))
    case "text":
      let text = value ?? ""
      let key = clickKey(forText: text)
      return Result(
        button: .init(name: name, type: ButtonKind.click.rawValue, fields: [.key: key]),
        note: note(
          .lossy,
          "text became click \(key): a message handler must answer it with the text "
            + quoted(text)),
        reply: TextReply(key: key, text: text, path: path))
    case "img", "voice", "video":
      return unpublishable(
        name: name, type: type,
        note: note(
          .unpublishable,
          "\(type) holds a temporary material that changes on every fetch: "
            + "map it to a permanent media id to publish it"))
    default:
      return unpublishable(
        name: name, type: type,
        note: note(
          .unpublishable, "type \"\(type)\" is not a create-API type: kept, not publishable"))
    }
  }

  /// The text in JSON string form, so quotes and newlines stay on one line.
  private static func quoted(_ text: String) -> String {
    CanonicalJSON.string(.string(text))
  }

  private static func unpublishable(name: String?, type: String, note: FidelityNote) -> Result {
    Result(button: Button(name: name, type: type, isUnpublishable: true), note: note)
  }

  private static func firstArticleURL(_ reader: DocumentReader) throws(NormalizeError) -> String? {
    guard let info = reader.member("news_info"), let list = info.member("list") else { return nil }
    for article in try list.elements() {
      if let url = try article.string("content_url") { return url }
    }
    return nil
  }
}
