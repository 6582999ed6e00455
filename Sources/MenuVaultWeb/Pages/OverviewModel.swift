import MenuVault
import Mustache

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
    var nextPull: TimeView?
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
        lastPull: overview.live.map { TimeView($0.takenAt) },
        nextPull: overview.nextPull.map(TimeView.init), changes: overview.changes,
        lastOperation: overview.lastOperation.map(OperationView.init))
    }
    hasAccounts = !accounts.isEmpty
  }
}

// One row per account, and a vault may hold a thousand: lookups rather than reflection, as the
// timeline's rows.

extension OverviewModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "accounts": return accounts
    case "hasAccounts": return hasAccounts
    default: return nil
    }
  }
}

extension OverviewModel.Row: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": return self.name
    case "href": return href
    case "label": return label.section
    case "platform": return platform
    case "status": return status
    case "statusText": return statusText
    case "statusDetail": return statusDetail
    case "lastPull": return lastPull.section
    case "nextPull": return nextPull.section
    case "changes": return changes
    case "lastOperation": return lastOperation.section
    default: return nil
    }
  }
}
