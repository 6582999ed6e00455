import MenuVault

/// Where an account's live menu stands, judged from the vault alone (no call to the platform).
enum LiveStatus: String, Sendable, Encodable {
  /// The last pull saw what the vault last put live (or, when it never published, what the
  /// pull before it saw).
  case inSync = "in-sync"
  /// The last pull saw something else: someone changed the menu elsewhere.
  case drifted
  /// A publish, rollback or delete is pending (or was killed half way).
  case locked
  /// The vault holds no pull of the live menu yet.
  case neverPulled = "never-pulled"

  /// `in sync`, `drifted`, `locked`, `never pulled`.
  var text: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// One account on the overview page: its live status from the vault, last pull, number of
/// changes and last operation. The JSON of `/` is an array of these.
struct AccountOverview: Sendable, Encodable {
  /// The account's name.
  var name: String
  /// `wechat` or `weibo`.
  var platform: String
  /// The account's description, when it has one.
  var label: String?
  /// In sync, drifted, locked or never pulled.
  var status: LiveStatus
  /// The live snapshot of the last pull.
  var live: SnapshotInfo?
  /// The snapshot the live one is compared with: the read-back of the last finished publish,
  /// rollback or delete, else the previous pull's snapshot from the same read.
  var reference: SnapshotInfo?
  /// Why `reference` was chosen, for people.
  var referenceReason: String?
  /// How many snapshots are changes.
  var changes: Int
  /// The newest operation.
  var lastOperation: OperationSummary?
  /// The pending operation holding the account's lock.
  var lock: OperationSummary?

  enum CodingKeys: String, CodingKey {
    case name, platform, label, status, changes, lock
    case lastPull = "last_pull"
    case liveSnapshot = "live_snapshot"
    case referenceSnapshot = "reference_snapshot"
    case lastOperation = "last_operation"
  }

  /// Encodes every key, `null` where there is no value.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(platform, forKey: .platform)
    try container.encode(label, forKey: .label)
    try container.encode(status, forKey: .status)
    try container.encode(live?.takenAt.iso8601, forKey: .lastPull)
    try container.encode(live?.id, forKey: .liveSnapshot)
    try container.encode(reference?.id, forKey: .referenceSnapshot)
    try container.encode(changes, forKey: .changes)
    try container.encode(lastOperation, forKey: .lastOperation)
    try container.encode(lock, forKey: .lock)
  }
}

extension AccountOverview {
  /// Reads `account`'s overview from the vault: the live snapshot is the one the last pull
  /// found live (`menu/get`, or the website menu when `menu/get` said there is none; Weibo's
  /// show), compared as `status` compares it, with the read-back of the last finished
  /// operation, else with the previous snapshot of the same read.
  static func read(_ account: Account, from store: VaultStore) throws -> AccountOverview {
    let name = account.name
    let live = try liveSnapshot(account, in: store)
    let lastOperation = try store.operations(account: name, limit: 1).first
    let pending = try store.pendingOperation(account: name)
    var reference: SnapshotInfo?
    var reason: String?
    if let deployed = try store.lastReadBackOperation(account: name),
      let after = deployed.afterSnapshotID
    {
      reference = try store.snapshot(id: after)
      reason = "the read-back of \(deployed.kind.rawValue) \(deployed.id)"
    } else if let live {
      reference = try store.history(
        account: name, before: live.id, limit: 1, changesOnly: false, source: live.source
      ).first
      reason = reference.map { _ in "the pull before it" }
    }
    let status: LiveStatus
    if pending != nil {
      status = .locked
    } else if let live {
      status = reference.map { $0.contentHash == live.contentHash } ?? true ? .inSync : .drifted
    } else {
      status = .neverPulled
    }
    return AccountOverview(
      name: name, platform: account.platform.rawValue, label: account.settings.label,
      status: status, live: live, reference: reference, referenceReason: reason,
      changes: try store.snapshotCount(account: name, changesOnly: true),
      lastOperation: lastOperation.map(OperationSummary.init),
      lock: pending.map(OperationSummary.init))
  }

  /// The snapshot the account's last pull found live, or `nil` when it was never pulled.
  static func liveSnapshot(_ account: Account, in store: VaultStore) throws -> SnapshotInfo? {
    let reads: [SnapshotSource] = account.platform == .weibo ? [.weiboShow] : [.get, .selfmenu]
    // One pull records menu/get and selfmenu together: menu/get holds the live menu unless it
    // said there is none (a menu set on the website), and then selfmenu does.
    let lastPull = try store.lastRead(account: account.name, sources: reads)
    guard !lastPull.isEmpty else { return nil }
    let empty = try Normalizer.noMenu(platform: account.platform)
    if let get = lastPull.first(where: { $0.source == .get }), get.contentHash != empty.contentHash
    {
      return get
    }
    return lastPull.first { $0.source == .selfmenu } ?? lastPull.first
  }

  /// One line under the status: what was compared.
  var statusDetail: String {
    switch status {
    case .locked:
      return lock.map { "\($0.lockLine)" } ?? ""
    case .neverPulled:
      return "no pull of the live menu is recorded yet"
    case .inSync, .drifted:
      guard let live else { return "" }
      let livePart = "live #\(live.id) \(live.contentHash.prefix(12))"
      guard let reference, let referenceReason else {
        return "\(livePart): the first pull, nothing to compare with yet"
      }
      let verb = status == .inSync ? "matches" : "differs from"
      return "\(livePart) \(verb) #\(reference.id) (\(referenceReason))"
    }
  }
}
