import Foundation

/// How the watcher pulls: how often, how many accounts at a time, and how much of a platform's
/// daily quota it may spend.
public struct WatchOptions: Sendable {
  /// Every account is pulled once per interval, the pulls spread over it.
  public var interval: Duration
  /// How many accounts are pulled at a time (1...256).
  public var jobs: Int
  /// After failures an account waits twice as long each time, at most this many intervals.
  public var backoffCap: Int
  /// The share of a documented daily quota the watcher may spend (the rest stays for publishing).
  public var quotaShare: Double
  /// The documented daily quota of each API path the watcher calls, per account. An API with no
  /// documented figure is counted against ``defaultDailyQuota``.
  public var dailyQuotas: [String: Int]
  /// The quota an API with no documented figure is counted against.
  public var defaultDailyQuota: Int
  /// How long pulls under way may take to finish after a stop is asked for.
  public var shutdownGrace: Duration

  /// WeChat's `menu/get`: 10,000 calls a day; `get_current_selfmenu_info` has no documented
  /// figure and is counted against 10,000 too.
  public static let documentedQuotas = [
    "cgi-bin/menu/get": 10_000, "cgi-bin/get_current_selfmenu_info": 10_000,
  ]

  /// Creates options; `interval` is required, the rest have the documented defaults.
  public init(
    interval: Duration, jobs: Int = 16, backoffCap: Int = 8, quotaShare: Double = 0.10,
    dailyQuotas: [String: Int] = Self.documentedQuotas, defaultDailyQuota: Int = 10_000,
    shutdownGrace: Duration = .seconds(10)
  ) {
    self.interval = interval
    self.jobs = jobs
    self.backoffCap = backoffCap
    self.quotaShare = quotaShare
    self.dailyQuotas = dailyQuotas
    self.defaultDailyQuota = defaultDailyQuota
    self.shutdownGrace = shutdownGrace
  }

  /// How many calls of `endpoint` the watcher may make for one account in a day.
  public func dailyBudget(_ endpoint: String) -> Int {
    Int((Double(dailyQuotas[endpoint] ?? defaultDailyQuota) * quotaShare).rounded(.down))
  }

  /// The interval in seconds.
  var intervalSeconds: TimeInterval { interval.timeInterval }
}
