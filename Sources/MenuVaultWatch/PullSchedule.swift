import Foundation
import MenuVault

/// When the watcher pulls each account next, and why not sooner: its rules, free of clocks and
/// I/O, so that tests run days of schedule in a blink.
///
/// - Every account is pulled once per interval, at its own place in the interval (from its
///   name), so a thousand accounts are spread over the interval rather than pulled at once.
/// - After a failure it waits 2, 4, then 8 intervals (``WatchOptions/backoffCap``); a good
///   pull brings it back to every interval.
/// - A 45009 (the platform's daily quota spent) pauses it until the quota resets, at 00:00
///   Beijing time.
/// - It keeps a daily count of calls per account and API path, and never lets the watcher spend
///   more than ``WatchOptions/quotaShare`` of a documented quota: an account whose budget is
///   spent waits for the next Beijing day.
public struct PullSchedule: Sendable {
  /// Why an account is not pulled now.
  public enum Hold: Sendable, Equatable {
    /// Backing off after `failures` failed pulls in a row.
    case backoff(failures: Int)
    /// The platform's daily quota is spent (45009): until it resets.
    case quotaExceeded
    /// The watcher's own share of the daily quota of `endpoint` is spent.
    case budgetSpent(endpoint: String)
  }

  /// One account's place in the schedule.
  public struct Entry: Sendable, Equatable {
    /// When it is due.
    public var due: Date
    /// Failed pulls in a row.
    public var failures: Int
    /// Why it waits longer than one interval, if it does.
    public var hold: Hold?
  }

  /// The options the rules read.
  public let options: WatchOptions
  /// Every watched account's entry, by name.
  public private(set) var entries: [String: Entry] = [:]
  /// Calls made today (a Beijing day) per account and endpoint.
  private var calls: [String: [String: Int]] = [:]
  /// The Beijing day `calls` counts.
  private var countedDay: Int?

  /// An empty schedule.
  public init(options: WatchOptions) {
    self.options = options
  }

  // MARK: - Accounts

  /// Takes the accounts to watch now: a new one is due at its place in the current interval
  /// (or, when that has passed, in the next), starting from the failures the vault recorded
  /// for it; a removed one is dropped.
  public mutating func sync(_ accounts: [(name: String, failures: Int)], now: Date) {
    let names = Set(accounts.map(\.name))
    entries = entries.filter { names.contains($0.key) }
    calls = calls.filter { names.contains($0.key) }
    for account in accounts where entries[account.name] == nil {
      var due = place(of: account.name, onOrAfter: now)
      if account.failures > 0 { due = now.addingTimeInterval(backoff(account.failures)) }
      entries[account.name] = Entry(
        due: due, failures: account.failures,
        hold: account.failures > 0 ? .backoff(failures: account.failures) : nil)
    }
  }

  /// The accounts due before `end`, earliest first, with when each is due.
  public func due(before end: Date) -> [(name: String, at: Date)] {
    entries.filter { $0.value.due < end }
      .sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }.map { ($0.key, $0.value.due) }
  }

  // MARK: - Outcomes

  /// Whether `account` may be pulled now within the watcher's share of the daily quota of
  /// every API path it called today; when not, it is held until the next Beijing day.
  public mutating func mayPull(_ account: String, now: Date) -> Bool {
    rollDay(now)
    for (endpoint, count) in calls[account, default: [:]].sorted(by: { $0.key < $1.key })
    where count >= options.dailyBudget(endpoint) {
      entries[account]?.due = Self.nextQuotaReset(after: now)
      entries[account]?.hold = .budgetSpent(endpoint: endpoint)
      return false
    }
    return true
  }

  /// Counts one call of `endpoint` for `account` today.
  public mutating func countCall(_ account: String, endpoint: String, now: Date) {
    rollDay(now)
    calls[account, default: [:]][endpoint, default: 0] += 1
  }

  /// The calls counted today for `account` and `endpoint`.
  public func callsToday(_ account: String, endpoint: String) -> Int {
    calls[account]?[endpoint] ?? 0
  }

  /// A good pull of `account` at `now`: due again at its place in the next interval.
  public mutating func succeeded(_ account: String, now: Date) {
    guard entries[account] != nil else { return }
    entries[account]?.failures = 0
    entries[account]?.hold = nil
    let next = place(of: account, onOrAfter: now.addingTimeInterval(1e-3))
    entries[account]?.due = next
  }

  /// A failed pull of `account` at `now`: backs off, or, when the platform said its daily
  /// quota is spent, waits for the reset.
  public mutating func failed(_ account: String, quotaExceeded: Bool, now: Date) {
    guard let entry = entries[account] else { return }
    let failures = entry.failures + 1
    entries[account]?.failures = failures
    if quotaExceeded {
      entries[account]?.due = Self.nextQuotaReset(after: now)
      entries[account]?.hold = .quotaExceeded
    } else {
      let next = now.addingTimeInterval(backoff(failures))
      entries[account]?.due = next
      entries[account]?.hold = .backoff(failures: failures)
    }
  }

  // MARK: - Rules

  /// How long to wait after `failures` failed pulls in a row: 2, 4, 8 intervals, then 8.
  func backoff(_ failures: Int) -> TimeInterval {
    let factor = min(1 << min(failures, 20), max(options.backoffCap, 1))
    return options.intervalSeconds * Double(factor)
  }

  /// The account's place in the interval: a fraction of it from its name (FNV-1a), the same on
  /// every start, so restarting does not bunch the pulls together.
  func offset(of name: String) -> TimeInterval {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return options.intervalSeconds * Double(hash % 1_000_000) / 1_000_000
  }

  /// The first time on or after `time` that is the account's place in an interval (intervals
  /// counted from 1970).
  func place(of name: String, onOrAfter time: Date) -> Date {
    let interval = options.intervalSeconds
    let offset = offset(of: name)
    let start = (time.timeIntervalSince1970 / interval).rounded(.down) * interval
    var candidate = start + offset
    if candidate < time.timeIntervalSince1970 { candidate += interval }
    return Date(timeIntervalSince1970: candidate)
  }

  /// 00:00 Beijing time (16:00 UTC) after `time`: when WeChat's daily quotas reset.
  public static func nextQuotaReset(after time: Date) -> Date {
    let day = beijingDay(time)
    return Date(timeIntervalSince1970: Double(day + 1) * 86_400 - 8 * 3_600)
  }

  /// The day number in Beijing time (UTC+8) of `time`.
  static func beijingDay(_ time: Date) -> Int {
    Int(((time.timeIntervalSince1970 + 8 * 3_600) / 86_400).rounded(.down))
  }

  private mutating func rollDay(_ now: Date) {
    let day = Self.beijingDay(now)
    if countedDay != day {
      countedDay = day
      calls = [:]
    }
  }
}
