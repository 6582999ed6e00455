import CoreMetrics
import Foundation
import MenuVault
import Prometheus

/// What the watcher and the vault report to Prometheus, through swift-metrics with
/// swift-prometheus's factory on a registry of its own (the process-wide `MetricsSystem` is left
/// to the app):
///
/// - `menuvault_pulls_total{platform, outcome}`: pulls, `ok` or `failed`;
/// - `menuvault_pull_duration_seconds{platform}`: a histogram of how long a pull took;
/// - `menuvault_platform_calls_total{path, errcode}`: every exchange with a platform (`none`
///   when no answer came);
/// - `menuvault_accounts{state}`: accounts by state (``AccountStatus/State``);
/// - `menuvault_last_successful_pull_timestamp_seconds{account}`: when each account was last
///   pulled well (Unix seconds);
/// - `menuvault_watch_rounds_total` and `menuvault_watch_last_round_timestamp_seconds`.
public final class WatchMetrics: Sendable {
  /// The registry the metrics live in; ``text()`` writes it out.
  public let registry: PrometheusCollectorRegistry
  private let factory: PrometheusMetricsFactory

  /// Metrics on a new registry.
  public init() {
    registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
      .seconds(10), .seconds(30),
    ]
    self.factory = factory
  }

  /// Counts a pull of a `platform` account that took `duration`.
  public func pulled(platform: Platform, succeeded: Bool, duration: Duration) {
    Counter(
      label: "menuvault_pulls_total",
      dimensions: [("platform", platform.rawValue), ("outcome", succeeded ? "ok" : "failed")],
      factory: factory
    ).increment()
    Timer(
      label: "menuvault_pull_duration_seconds", dimensions: [("platform", platform.rawValue)],
      factory: factory
    ).recordNanoseconds(Int64((duration.timeInterval * 1e9).rounded()))
  }

  /// Counts an exchange with a platform.
  public func called(_ call: PlatformCall) {
    Counter(
      label: "menuvault_platform_calls_total",
      dimensions: [
        ("path", call.endpoint), ("errcode", call.errorCode.map(String.init) ?? "none"),
      ],
      factory: factory
    ).increment()
  }

  /// Sets the account gauges from every account's status.
  public func update(_ statuses: [AccountStatus]) {
    var counts = Dictionary(uniqueKeysWithValues: AccountStatus.State.allCases.map { ($0, 0) })
    for status in statuses {
      counts[status.state, default: 0] += 1
      if let last = status.lastPullAt {
        Gauge(
          label: "menuvault_last_successful_pull_timestamp_seconds",
          dimensions: [("account", status.account.name)], factory: factory
        ).record(Double(last.millisecondsSince1970) / 1000)
      }
    }
    for (state, count) in counts {
      Gauge(label: "menuvault_accounts", dimensions: [("state", state.rawValue)], factory: factory)
        .record(count)
    }
  }

  /// Notes a finished round of the watcher at `time`.
  public func roundFinished(at time: Date) {
    Counter(label: "menuvault_watch_rounds_total", factory: factory).increment()
    Gauge(label: "menuvault_watch_last_round_timestamp_seconds", factory: factory)
      .record(time.timeIntervalSince1970)
  }

  /// Everything, in Prometheus's text format.
  public func text() -> String {
    registry.emitToString()
  }
}
