import Foundation
import Hummingbird
import Mustache

/// Draws the pages: each page's template (see ``Templates``) rendered into the layout, as a
/// response. Every value goes through mustache's `{{ }}`, which escapes it for HTML; only what a
/// template drew goes in unescaped, with `{{{ }}}`: the page body into the layout, the phones and
/// the timeline rows into their pages.
struct Pages: Sendable {
  private let library: MustacheLibrary
  /// The timeline rows already drawn: about 80 pages of 50 rows, a few megabytes.
  private let rows = RenderCache<TimelineModel.Row>(capacity: 4096)
  /// The phones already drawn (some 5 to 20 kB each with its key): a few megabytes.
  private let phones = RenderCache<PhoneView>(capacity: 256)
  /// The vault's path, shown in the header.
  let vault: String
  /// Whether the rollback routes exist, shown in the header.
  let allowPublish: Bool

  /// Parses every template of ``Templates``, once.
  init(vault: String, allowPublish: Bool) throws {
    self.library = try Templates.library()
    self.vault = vault
    self.allowPublish = allowPublish
  }

  /// The page `template` drawn with `model` inside the layout, titled `title`.
  ///
  /// `model` answers the template's names as a `MustacheParent` (any other value is read with
  /// reflection, which costs a `Mirror` per name).
  func html(_ template: String, _ model: Any, title: String) -> String {
    let body = library.render(model, withTemplate: template) ?? ""
    let layout = Layout(title: title, body: body, vault: vault, allowPublish: allowPublish)
    return library.render(layout, withTemplate: Templates.layoutName) ?? body
  }

  /// The timeline page: each row drawn by `timeline-row` once while the server runs (see
  /// ``RenderCache``), then the page around them.
  func timeline(_ model: TimelineModel, title: String) -> DrawnPage {
    var model = model
    model.drawnRows = model.rows.map { row in
      rows.fragment(for: row) { library.render($0, withTemplate: "timeline-row") ?? "" }
    }
    return page("timeline", model, title: title)
  }

  /// The phone drawing of `phone` (`phone.mustache`), to insert with `{{{ }}}`: drawn once for
  /// each distinct phone while the server runs (see ``RenderCache``).
  func phone(_ phone: PhoneView) -> String {
    phones.fragment(for: phone) { library.render($0, withTemplate: "phone") ?? "" }
  }

  /// The page drawn, with its entity tag, to send (and keep: see ``PageCache``).
  func page(_ template: String, _ model: Any, title: String) -> DrawnPage {
    .html(html(template, model, title: title))
  }

  /// The page as a response: `text/html`, not cached (an error, a rollback's page).
  func response(
    _ template: String, _ model: Any, title: String, status: HTTPResponse.Status = .ok
  ) -> Response {
    Response.html(html(template, model, title: title), status: status)
  }

  /// What the layout template reads.
  private struct Layout: MustacheParent {
    var title: String
    var body: String
    var vault: String
    var allowPublish: Bool

    func child(named name: String) -> Any? {
      switch name {
      case "title": return title
      case "body": return body
      case "vault": return vault
      case "allowPublish": return allowPublish
      default: return nil
      }
    }
  }
}

extension Response {
  /// An HTML page that varies with `Accept` (the same URL answers JSON).
  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status,
      headers: [
        .contentType: "text/html; charset=utf-8", .vary: "Accept", .cacheControl: "no-store",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// JSON that varies with `Accept` (the same URL answers a page).
  static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status,
      headers: [.contentType: "application/json", .vary: "Accept", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// Bytes exactly as given, with their content type.
  static func bytes(_ bytes: [UInt8], contentType: String, cacheable: Bool = false) -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: contentType,
        .cacheControl: cacheable ? "max-age=300" : "no-store",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

extension Request {
  /// Whether the client asked for JSON rather than a page: its `Accept` header ranks
  /// `application/json` above `text/html` (or names JSON and no HTML). A browser's default
  /// `Accept` names HTML first, so it gets pages.
  var prefersJSON: Bool {
    guard let accept = headers[.accept] else { return false }
    var json: (quality: Double, position: Int)?
    var html: (quality: Double, position: Int)?
    for (position, range) in accept.split(separator: ",").enumerated() {
      let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let type = parts.first?.lowercased() else { continue }
      var quality = 1.0
      for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
        quality = Double(parameter.dropFirst(2)) ?? 0
      }
      if type == "application/json", json == nil { json = (quality, position) }
      if type == "text/html", html == nil { html = (quality, position) }
    }
    guard let json, json.quality > 0 else { return false }
    guard let html else { return true }
    return json.quality > html.quality
      || (json.quality == html.quality && json.position < html.position)
  }
}
