import Foundation
import Synchronization

/// Whether the watcher keeps up: `/healthz` reads it. Healthy while the watcher has finished a
/// round within the last two intervals (or, before its first round ends, started less than two
/// intervals ago).
public final class WatchHealth: Sendable {
  /// The watcher's interval.
  public let interval: Duration
  private let state: Mutex<(startedAt: Date?, lastRound: Date?, rounds: Int)>

  /// Health for a watcher that pulls every `interval`.
  public init(interval: Duration) {
    self.interval = interval
    state = Mutex((nil, nil, 0))
  }

  /// The watcher started at `time`.
  func started(at time: Date) {
    state.withLock { $0.startedAt = $0.startedAt ?? time }
  }

  /// A round finished at `time`.
  func roundFinished(at time: Date) {
    state.withLock {
      $0.lastRound = time
      $0.rounds += 1
    }
  }

  /// How many rounds have finished.
  public var rounds: Int { state.withLock { $0.rounds } }

  /// When the last round finished, `nil` before the first.
  public var lastRoundFinishedAt: Date? { state.withLock { $0.lastRound } }

  /// `nil` when healthy at `now`, else why not, in one line.
  public func problem(at now: Date) -> String? {
    let (startedAt, lastRound, _) = state.withLock { $0 }
    let limit = interval.timeInterval * 2
    guard let since = lastRound ?? startedAt else { return "the watcher has not started" }
    let age = now.timeIntervalSince(since)
    guard age > limit else { return nil }
    let what =
      lastRound == nil ? "no round has finished since the start" : "the last round finished"
    return "\(what) \(Int(age.rounded())) s ago, more than two intervals (\(Int(limit)) s)"
  }
}
