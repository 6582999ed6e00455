import MenuVault

/// What the overview template reads.
struct OverviewModel {
  /// One account's row.
  struct Row {
    var name: String
    var href: String
    var label: String?
    var platform: String
    var status: String
    var statusText: String
    var statusDetail: String
    var lastPull: TimeView?
    var changes: Int
    var lastOperation: OperationView?
  }

  var accounts: [Row]
  var hasAccounts: Bool

  init(_ overviews: [AccountOverview]) {
    accounts = overviews.map { overview in
      Row(
        name: overview.name, href: Links.account(overview.name), label: overview.label,
        platform: overview.platform, status: overview.status.rawValue,
        statusText: overview.status.text, statusDetail: overview.statusDetail,
        lastPull: overview.live.map { TimeView($0.takenAt) }, changes: overview.changes,
        lastOperation: overview.lastOperation.map(OperationView.init))
    }
    hasAccounts = !accounts.isEmpty
  }
}
