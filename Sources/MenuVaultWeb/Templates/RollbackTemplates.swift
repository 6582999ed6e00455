extension Templates {
  /// `GET /snapshots/{id}/rollback`: the plan (live pulled now, the diff to the target) and the
  /// form that confirms it.
  static let rollbackConfirm = """
    <nav class="crumbs"><a href="/">Accounts</a> / <a href="{{accountHref}}">{{account}}</a> / <a href="/snapshots/{{targetID}}">#{{targetID}}</a> / rollback</nav>
    <h1>Roll {{account}} back to #{{targetID}}</h1>
    {{#message}}<p class="banner warning">{{.}}</p>{{/message}}
    <p>The live menu was pulled just now and saved as snapshot <a href="/snapshots/{{liveID}}">#{{liveID}}</a>
    (<code>{{liveHashPrefix}}</code>): if anything fails, it is put back.</p>
    {{#alreadyLive}}<p class="banner ok">Snapshot #{{targetID}}'s menu is already live: there is nothing to roll back.</p>{{/alreadyLive}}
    {{#dropped}}<p class="note">not sent: {{.}}; nobody saw it at snapshot #{{targetID}}, so without it users see exactly what they saw then</p>{{/dropped}}
    {{#warnings}}<p class="note warning">{{.}}</p>{{/warnings}}
    {{#notes}}<p class="note">{{.}}</p>{{/notes}}
    <div class="compare">
    <section class="side side-old"><h2>Live now <span class="hint">#{{liveID}}</span></h2>{{{livePhone}}}</section>
    <section class="side side-new"><h2>After the rollback <span class="hint">#{{targetID}}</span></h2>{{{targetPhone}}}</section>
    </div>
    <h2>Changes from live to #{{targetID}}</h2>
    {{>diff}}
    {{^alreadyLive}}
    <form method="post" action="/snapshots/{{targetID}}/rollback" class="confirm">
    <input type="hidden" name="csrf_token" value="{{csrfToken}}">
    <input type="hidden" name="live_hash" value="{{liveHash}}">
    <input type="hidden" name="target_hash" value="{{targetHash}}">
    <button type="submit" class="danger">Roll back {{account}}: {{changeCount}} change(s)</button>
    <a href="/snapshots/{{targetID}}">Cancel</a>
    </form>
    {{/alreadyLive}}

    """

  /// `POST /snapshots/{id}/rollback`: what the rollback did, step by step.
  static let rollbackResult = """
    <nav class="crumbs"><a href="/">Accounts</a> / <a href="{{accountHref}}">{{account}}</a> / <a href="/snapshots/{{targetID}}">#{{targetID}}</a> / rollback</nav>
    <h1>Rollback of {{account}} to #{{targetID}}: {{outcome}}</h1>
    <p class="banner {{bannerClass}}">{{summary}}</p>
    {{#hasSteps}}<h2>Steps</h2>
    <ol class="steps">{{#steps}}<li>{{.}}</li>{{/steps}}</ol>{{/hasSteps}}
    {{#operation}}
    <h2>Operation {{id}}</h2>
    <dl>
    <dt>Kind</dt><dd>{{kind}}</dd>
    <dt>Status</dt><dd><span class="operation operation-{{status}}">{{status}}</span></dd>
    <dt>Started</dt><dd>{{#started}}{{>time}}{{/started}}</dd>
    {{#step}}<dt>Last step</dt><dd>{{.}}</dd>{{/step}}
    {{#reason}}<dt>Reason</dt><dd>{{.}}</dd>{{/reason}}
    {{#beforeSnapshotID}}<dt>Live before</dt><dd><a href="/snapshots/{{.}}">#{{.}}</a></dd>{{/beforeSnapshotID}}
    {{#afterSnapshotID}}<dt>Read back</dt><dd><a href="/snapshots/{{.}}">#{{.}}</a></dd>{{/afterSnapshotID}}
    </dl>
    {{/operation}}
    {{#restore}}<h2>The previous menu</h2><p class="restore">{{.}}</p>{{/restore}}
    {{#platformError}}<h2>The platform said</h2><p><code>{{.}}</code></p>{{/platformError}}
    <p><a href="{{accountHref}}">Back to {{account}}'s timeline</a></p>

    """

  /// Any error: what went wrong and what exists instead.
  static let error = """
    <h1>{{title}}</h1>
    <p class="message">{{message}}</p>
    {{#lock}}<p class="banner locked">Held by {{#holder}}{{.}}{{/holder}}{{^holder}}an unknown process{{/holder}} since {{#started}}{{>time}}{{/started}}: {{kind}} operation {{id}}{{#step}}, at step {{.}}{{/step}}.</p>{{/lock}}
    {{#hasAccounts}}<h2>Accounts in this vault</h2>
    <ul>{{#accounts}}<li><a href="{{href}}">{{name}}</a></li>{{/accounts}}</ul>{{/hasAccounts}}
    {{#noAccounts}}<p>This vault has no accounts yet.</p>{{/noAccounts}}
    {{#snapshotIDs}}<p>Snapshot ids in this vault run from <a href="/snapshots/{{first}}">#{{first}}</a> to <a href="/snapshots/{{last}}">#{{last}}</a>.</p>{{/snapshotIDs}}
    {{#noSnapshots}}<p>This vault holds no snapshots yet.</p>{{/noSnapshots}}
    <p><a href="/">All accounts</a></p>

    """
}
