import Foundation

/// How often and how patiently a failed call is tried again.
///
/// Only ``PlatformError/isRetryable`` failures are retried: WeChat's -1 (busy) and 45009 (quota),
/// Weibo's system and rate-limit codes, HTTP 5xx, timeouts and lost connections. The pause before
/// attempt *n* (n >= 2) is `initialDelay * 2^(n-2)`, capped at `maximumDelay`, of which the
/// `jitter` fraction is random, so that many clients do not retry in step.
public struct RetryPolicy: Sendable, Equatable {
  /// The most attempts in all, the first included (1 means never retry).
  public var maximumAttempts: Int
  /// The pause before the second attempt.
  public var initialDelay: Duration
  /// The longest pause between two attempts.
  public var maximumDelay: Duration
  /// The part of each pause that is random, from 0 (none) to 1 (all of it).
  public var jitter: Double

  /// Creates a policy; out-of-range values are clamped (at least one attempt, jitter 0...1).
  public init(
    maximumAttempts: Int, initialDelay: Duration, maximumDelay: Duration, jitter: Double = 0.5
  ) {
    self.maximumAttempts = max(1, maximumAttempts)
    self.initialDelay = max(.zero, initialDelay)
    self.maximumDelay = max(self.initialDelay, maximumDelay)
    self.jitter = min(1, max(0, jitter))
  }

  /// Four attempts, pausing about 0.5 s, 1 s and 2 s (up to half of each pause is random).
  public static let standard = RetryPolicy(
    maximumAttempts: 4, initialDelay: .milliseconds(500), maximumDelay: .seconds(8))

  /// One attempt only.
  public static let never = RetryPolicy(
    maximumAttempts: 1, initialDelay: .zero, maximumDelay: .zero, jitter: 0)

  /// The pause before `attempt` (2 for the first retry), with `randomFraction` in 0...1
  /// choosing where in the jitter range it falls.
  public func delay(beforeAttempt attempt: Int, randomFraction: Double) -> Duration {
    guard attempt >= 2 else { return .zero }
    var base = initialDelay
    for _ in 0..<min(attempt - 2, 32) where base < maximumDelay {
      base = base * 2
    }
    base = min(base, maximumDelay)
    let fraction = min(1, max(0, randomFraction))
    return base * (1 - jitter * fraction)
  }

  /// The pause before `attempt` with a random jitter.
  func randomDelay(beforeAttempt attempt: Int) -> Duration {
    delay(beforeAttempt: attempt, randomFraction: Double.random(in: 0...1))
  }
}
