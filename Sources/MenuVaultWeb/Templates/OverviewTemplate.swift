extension Templates {
  /// `/`: every account with its live status from the vault.
  static let overview = """
    <h1>Accounts</h1>
    {{^accounts}}
    <p class="empty">This vault has no accounts yet. Add one with <code>menuvault account add</code>,
    or record menus with <code>menuvault import</code>.</p>
    {{/accounts}}
    {{#hasAccounts}}
    <table class="accounts">
    <thead><tr><th>Account</th><th>Platform</th><th>Live menu <span class="hint">(from the vault; no call to the platform)</span></th><th>Last pull</th><th>Changes</th><th>Last operation</th></tr></thead>
    <tbody>
    {{#accounts}}
    <tr>
    <td><a href="{{href}}">{{name}}</a>{{#label}}<div class="detail">{{.}}</div>{{/label}}</td>
    <td>{{platform}}</td>
    <td><span class="status status-{{status}}">{{statusText}}</span><div class="detail">{{statusDetail}}</div></td>
    <td>{{#lastPull}}{{>time}}{{/lastPull}}{{^lastPull}}never{{/lastPull}}</td>
    <td class="number">{{changes}}</td>
    <td>{{#lastOperation}}<span class="operation operation-{{status}}">{{line}}</span><div class="detail">{{#started}}{{>time}}{{/started}}</div>{{/lastOperation}}{{^lastOperation}}none{{/lastOperation}}</td>
    </tr>
    {{/accounts}}
    </tbody>
    </table>
    {{/hasAccounts}}

    """
}
