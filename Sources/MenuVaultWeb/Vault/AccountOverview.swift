import MenuVault

/// The overview's words for the library's account states.
extension AccountStatus.State {
  /// `in sync`, `drifted`, `locked`, `never pulled`, `failing`.
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
  /// In sync, drifted, locked, failing or never pulled.
  var status: AccountStatus.State
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
  /// When a pull was last tried, whatever came of it.
  var lastAttempt: Timestamp?
  /// The last failed pull's one-line error; `nil` after a good pull.
  var lastError: String?
  /// Failed pulls since the last good one.
  var consecutiveFailures: Int
  /// When the watcher means to pull next.
  var nextPull: Timestamp?

  enum CodingKeys: String, CodingKey {
    case name, platform, label, status, changes, lock
    case lastAttempt = "last_attempt"
    case lastError = "last_error"
    case consecutiveFailures = "consecutive_failures"
    case nextPull = "next_pull"
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
    try container.encode(lastAttempt?.iso8601, forKey: .lastAttempt)
    try container.encode(lastError, forKey: .lastError)
    try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
    try container.encode(nextPull?.iso8601, forKey: .nextPull)
  }
}

extension AccountOverview {
  /// The overview row of an account's status (``AccountStatus``, the rule `status` reads too).
  init(_ status: AccountStatus) {
    self.init(
      name: status.account.name, platform: status.account.platform.rawValue,
      label: status.account.settings.label, status: status.state, live: status.live,
      reference: status.reference, referenceReason: status.referenceReason?.description,
      changes: status.changes, lastOperation: status.lastOperation.map(OperationSummary.init),
      lock: status.pendingOperation.map(OperationSummary.init), lastAttempt: status.lastAttemptAt,
      lastError: status.lastError, consecutiveFailures: status.consecutiveFailures,
      nextPull: status.nextPullAt)
  }

  /// One line under the status: what was compared.
  var statusDetail: String {
    switch status {
    case .locked:
      return lock.map { "\($0.lockLine)" } ?? ""
    case .neverPulled:
      return "no pull of the live menu is recorded yet"
    case .failing:
      let times =
        consecutiveFailures == 1
        ? "the last pull failed" : "the last \(consecutiveFailures) pulls failed"
      return "\(times): \(lastError ?? "no reason recorded")"
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
