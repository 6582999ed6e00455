extension TimelineModel.Row {
  /// The row's `<tr>`, drawn here rather than by the template: a page repeats it up to its page
  /// size, and mustache spent about 100 µs on each (its lookups, sections and escaping), two
  /// thirds of the page's time; this costs a few microseconds. Every value is escaped with
  /// ``HTML/escape(_:into:)``. The bytes are those the template drew before it moved here.
  var html: String {
    var out = ""
    out.reserveCapacity(1024)
    let id = String(self.id)
    out += "<tr class=\""
    HTML.escape(rowClass, into: &out)
    out += "\">\n<td><input type=\"radio\" name=\"from\" value=\"\(id)\""
    out += " aria-label=\"compare from #\(id)\""
    if fromChecked { out += " checked" }
    out += "></td>\n<td><input type=\"radio\" name=\"to\" value=\"\(id)\""
    out += " aria-label=\"compare to #\(id)\""
    if toChecked { out += " checked" }
    out += "></td>\n<td><a href=\"/snapshots/\(id)\">#\(id)</a></td>\n<td><time datetime=\""
    HTML.escape(takenAt.iso, into: &out)
    out += "\">"
    HTML.escape(takenAt.text, into: &out)
    out += "</time></td>\n<td>"
    HTML.escape(source, into: &out)
    if !isChange { out += " <span class=\"hint\">unchanged</span>" }
    out += "</td>\n<td><code title=\""
    HTML.escape(hash, into: &out)
    out += "\">"
    HTML.escape(hashPrefix, into: &out)
    out += "</code></td>\n<td><span class=\"fidelity fidelity-"
    HTML.escape(fidelity, into: &out)
    out += "\">"
    HTML.escape(fidelity, into: &out)
    out += "</span>"
    for line in inactive {
      out += "<div class=\"detail\">"
      HTML.escape(line, into: &out)
      out += "</div>"
    }
    out += "</td>\n<td>"
    if let rollbackOf { out += "<a href=\"/snapshots/\(rollbackOf)\">#\(rollbackOf)</a>" }
    out += "</td>\n<td>"
    for operation in operations {
      out += "<div class=\"operation operation-"
      HTML.escape(operation.status, into: &out)
      out += "\">"
      HTML.escape(operation.text, into: &out)
      out += "</div>"
    }
    out += "</td>\n</tr>\n"
    return out
  }
}
