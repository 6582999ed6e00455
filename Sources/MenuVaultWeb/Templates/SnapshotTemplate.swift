extension Templates {
  /// `/snapshots/{id}`: the phone drawing, and beside it the snapshot's facts and links.
  static let snapshot = """
    <nav class="crumbs"><a href="/">Accounts</a> / <a href="{{accountHref}}">{{account}}</a> / #{{id}}</nav>
    <h1>Snapshot #{{id}}</h1>
    <div class="snapshot">
    <section class="phone-column">{{{phone}}}</section>
    <aside class="facts">
    <dl>
    <dt>Account</dt><dd><a href="{{accountHref}}">{{account}}</a> ({{platform}})</dd>
    <dt>Taken at</dt><dd>{{#takenAt}}{{>time}}{{/takenAt}}</dd>
    <dt>Source</dt><dd>{{source}}{{^isChange}} <span class="hint">(unchanged since the one before)</span>{{/isChange}}</dd>
    <dt>Fidelity</dt><dd><span class="fidelity fidelity-{{fidelity}}">{{fidelity}}</span></dd>
    <dt>Hash</dt><dd><code class="hash">{{hash}}</code></dd>
    <dt>Raw hash</dt><dd><code class="hash">{{rawHash}}</code></dd>
    {{#rollbackOf}}<dt>Rollback of</dt><dd><a href="/snapshots/{{.}}">#{{.}}</a></dd>{{/rollbackOf}}
    {{#menuIDs}}<dt>Menu ids</dt><dd><code>{{.}}</code></dd>{{/menuIDs}}
    {{#menuOpen}}<dt>Menu open</dt><dd>{{.}}</dd>{{/menuOpen}}
    </dl>
    <ul class="links">
    <li>{{#previousChange}}<a href="/snapshots/{{.}}">← previous change #{{.}}</a> · <a href="/compare?from={{.}}&amp;to={{id}}">compare with it</a>{{/previousChange}}{{^previousChange}}no earlier change{{/previousChange}}</li>
    <li>{{#nextChange}}<a href="/snapshots/{{.}}">next change #{{.}} →</a>{{/nextChange}}{{^nextChange}}no later change{{/nextChange}}</li>
    <li><a href="/snapshots/{{id}}/raw">raw bytes</a> <span class="hint">exactly as sent or received</span></li>
    <li><a href="/snapshots/{{id}}/canonical">canonical bytes</a> <span class="hint">what the hash is taken of</span></li>
    </ul>
    {{#rollbackHref}}<p><a class="button" href="{{.}}">Roll back to this menu…</a></p>{{/rollbackHref}}
    </aside>
    </div>

    """

  /// `/compare?from=A&to=B`: two phones side by side and the path diff.
  static let compare = """
    <nav class="crumbs"><a href="/">Accounts</a> / <a href="{{accountHref}}">{{account}}</a> / compare</nav>
    <h1>Compare #{{from.id}} → #{{to.id}}</h1>
    <div class="compare">
    {{#sides}}
    <section class="side side-{{side}}">
    <h2><a href="/snapshots/{{id}}">#{{id}}</a> <span class="hint">{{source}}</span></h2>
    <p class="hint side-facts">{{#takenAt}}{{>time}}{{/takenAt}} · <code>{{hashPrefix}}</code></p>
    {{{phone}}}
    </section>
    {{/sides}}
    </div>
    <h2>Changes</h2>
    {{>diff}}
    {{^hasChanges}}<p>no differences: snapshots {{from.id}} and {{to.id}} hold the same menu</p>{{/hasChanges}}
    {{#notes}}<p class="note">{{.}}</p>{{/notes}}

    """
}
