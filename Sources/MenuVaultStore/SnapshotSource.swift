import MenuVaultCore

/// How a snapshot came into the vault. The raw value is the name used in output and exports.
///
/// The vault stores a small code per source (the `source` table in schema.sql maps codes to names).
public enum SnapshotSource: String, Sendable, Equatable, CaseIterable, Codable {
  /// The payload MenuVault sent to a create API (`menu/create`, `menu/addconditional`, Weibo create).
  case create
  /// A WeChat `menu/get` response.
  case get
  /// A WeChat `get_current_selfmenu_info` response (the menu as set on the website or by the API).
  case selfmenu
  /// A Weibo `menu/show` response.
  case weiboShow = "weibo-show"
  /// A document imported offline from a file or standard input.
  case `import`
  /// The payload sent to put an earlier snapshot's menu back (the snapshot has `rollback_of`).
  case rollback

  /// The code stored in `snapshot.source` (the `source` table's id).
  var code: Int64 {
    switch self {
    case .create: return 1
    case .get: return 2
    case .selfmenu: return 3
    case .weiboShow: return 4
    case .import: return 5
    case .rollback: return 6
    }
  }

  /// The source whose code is `code`, or `nil` for a code this version does not know.
  init?(code: Int64) {
    guard let source = Self.allCases.first(where: { $0.code == code }) else { return nil }
    self = source
  }
}

extension Fidelity {
  /// The code stored in `snapshot.fidelity` (the `fidelity` table's id): 0 is best.
  var code: Int64 {
    switch self {
    case .exact: return 0
    case .converted: return 1
    case .lossy: return 2
    case .unpublishable: return 3
    }
  }

  /// The fidelity whose code is `code`, or `nil` for an unknown code.
  init?(code: Int64) {
    guard let fidelity = Self.allCases.first(where: { $0.code == code }) else { return nil }
    self = fidelity
  }
}
