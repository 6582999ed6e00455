import Foundation

/// The watcher's clock: what time it is, and waiting for a time. Tests pass one they move by
/// hand, so no test sleeps through an interval.
public protocol WatchClock: Sendable {
  /// The current time.
  var now: Date { get }
  /// Returns at `deadline` (at once when it has passed); throws `CancellationError` when the
  /// task is cancelled first.
  func sleep(until deadline: Date) async throws
}

/// The system's wall clock.
public struct SystemWatchClock: WatchClock {
  /// The system's clock.
  public init() {}

  /// `Date()`.
  public var now: Date { Date() }

  /// `Task.sleep` for the time left.
  public func sleep(until deadline: Date) async throws {
    let seconds = deadline.timeIntervalSinceNow
    if seconds > 0 {
      try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
    try Task.checkCancellation()
  }
}
