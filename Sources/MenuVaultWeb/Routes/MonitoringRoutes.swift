import Foundation
import Hummingbird
import MenuVault
import MenuVaultWatch

/// `/healthz` and `/metrics`, for a process supervisor and Prometheus.
///
/// `/healthz` answers `200 ok` when the vault can be read and, with a watcher, a round finished
/// within the last two intervals; else `503` with the reason on one line. `/metrics` answers
/// the Prometheus text format: the watcher's pulls and platform calls, and the accounts by
/// state and their last good pull, read from the vault at each scrape (so they are right
/// without a watcher too).
struct MonitoringRoutes: Sendable {
  let vault: VaultReader
  let metrics: WatchMetrics
  let health: WatchHealth?
  let now: @Sendable () -> Date

  func register(on router: Router<some RequestContext>) {
    router.get("/healthz") { _, _ in try await healthz() }
    router.get("/metrics") { _, _ in try await scrape() }
  }

  func healthz() async throws -> Response {
    let problem: String?
    do {
      _ = try await vault.read { try $0.accountStates() }
      problem = health?.problem(at: now())
    } catch {
      problem = "the vault cannot be read: \(Workflows.oneLine(error))"
    }
    guard let problem else {
      return Response.bytes(Array("ok\n".utf8), contentType: "text/plain; charset=utf-8")
    }
    var response = Response.bytes(
      Array((problem + "\n").utf8), contentType: "text/plain; charset=utf-8")
    response.status = .serviceUnavailable
    return response
  }

  func scrape() async throws -> Response {
    let statuses = try await vault.workflows.accountStatuses()
    metrics.update(statuses)
    return Response.bytes(
      Array(metrics.text().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
  }
}
