import Foundation
import MenuVaultWatch
import Synchronization

/// A clock the test moves: sleepers wake only when ``advance(to:)`` passes their deadline, so
/// an interval of fifteen minutes takes no time at all.
final class ManualClock: WatchClock {
  private struct Sleeper {
    var id: Int
    var deadline: Date
    var continuation: CheckedContinuation<Void, any Error>
  }

  private let state: Mutex<(now: Date, sleepers: [Sleeper], nextID: Int)>

  init(_ start: Date) {
    state = Mutex((start, [], 0))
  }

  var now: Date { state.withLock { $0.now } }

  func sleep(until deadline: Date) async throws {
    let id = state.withLock { state -> Int in
      state.nextID += 1
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        let resumeNow = state.withLock { state -> Bool in
          if deadline <= state.now || Task.isCancelled { return true }
          state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let sleeper = state.withLock { state -> Sleeper? in
        guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
        return state.sleepers.remove(at: index)
      }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
    try Task.checkCancellation()
  }

  /// The earliest deadline anyone sleeps until, `nil` when nobody sleeps.
  var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

  /// Moves the time to `time` and wakes everyone whose deadline it reaches.
  func advance(to time: Date) {
    let woken = state.withLock { state -> [Sleeper] in
      state.now = max(state.now, time)
      let due = state.sleepers.filter { $0.deadline <= state.now }
      state.sleepers.removeAll { $0.deadline <= state.now }
      return due
    }
    for sleeper in woken { sleeper.continuation.resume() }
  }

  /// Waits (in real time, briefly) until somebody sleeps on the clock: the watcher is idle,
  /// its pulls under way done or waiting.
  func waitForSleeper(timeout: Duration = .seconds(30)) async throws -> Date {
    let start = ContinuousClock.now
    while true {
      if let deadline = nextDeadline { return deadline }
      if ContinuousClock.now - start > timeout { throw CancellationError() }
      try await Task.sleep(for: .milliseconds(2))
    }
  }
}
