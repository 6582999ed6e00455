extension Templates {
  /// `/accounts/{name}`: the timeline, a page of snapshots with two radio columns to compare. Each
  /// row's `<tr>` is drawn by `TimelineModel.Row.html` (rows repeat; see there).
  static let timeline = """
    <nav class="crumbs"><a href="/">Accounts</a> / {{account}}</nav>
    <h1>{{account}} <span class="platform">{{platform}}</span></h1>
    {{#lock}}<p class="banner locked">Locked: {{lockLine}}.</p>{{/lock}}
    <p class="views">{{#changesOnly}}<strong>Changes</strong> · <a href="{{otherViewHref}}">Every snapshot</a>{{/changesOnly}}{{^changesOnly}}<a href="{{otherViewHref}}">Changes only</a> · <strong>Every snapshot</strong>{{/changesOnly}}
    <span class="hint">{{summary}}</span></p>
    {{^rows}}<p class="empty">No snapshots on this page.</p>{{/rows}}
    {{#hasRows}}
    <form method="get" action="/compare" class="timeline">
    <table class="timeline">
    <thead><tr><th title="compare from">From</th><th title="compare to">To</th><th>Snapshot</th><th>Taken at</th><th>Source</th><th>Hash</th><th>Fidelity</th><th>Rollback of</th><th>Operation</th></tr></thead>
    <tbody>
    {{#rows}}{{{html}}}{{/rows}}</tbody>
    </table>
    <p><button type="submit">Compare the two ticked snapshots</button></p>
    </form>
    {{/hasRows}}
    <nav class="pages">{{#newerHref}}<a rel="prev" href="{{.}}">← Newer</a>{{/newerHref}}{{#newestHref}} <a href="{{.}}">Newest</a>{{/newestHref}}{{#olderHref}} <a rel="next" href="{{.}}">Older →</a>{{/olderHref}}</nav>

    """
}
