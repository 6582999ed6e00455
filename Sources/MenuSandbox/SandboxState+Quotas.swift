import Foundation
import MenuVaultJSON

/// One app's calls today to the endpoints with a daily quota (``SandboxQuotas``).
struct SandboxQuotaUsage: Sendable, Equatable {
  /// The day the counts belong to: whole days since 1970-01-01 in Beijing time (UTC+8), where
  /// WeChat's quotas restart at midnight.
  var day: Int
  /// The calls counted so far that day; an endpoint not listed has none.
  var counts: [SandboxQuotas.Endpoint: Int] = [:]

  /// No calls yet on the day of `now`.
  init(now: Date = Date()) {
    self.day = Self.day(of: now)
  }

  /// The Beijing-time day `date` falls on.
  static func day(of date: Date) -> Int {
    Int(((date.timeIntervalSince1970 + 8 * 3600) / 86_400).rounded(.down))
  }

  /// Starts the counts again when `now` falls on a later day than they belong to.
  mutating func roll(to now: Date) {
    let today = Self.day(of: now)
    if today != day {
      day = today
      counts = [:]
    }
  }
}

/// Daily quotas: counted in ``SandboxState/wechat(_:)`` and shown and set by `/sandbox/quota`.
extension SandboxState {
  /// Counts one call of `app` to `endpoint`; `false` when today's quota is used up, and the call
  /// must then be answered with 45009 without being carried out.
  ///
  /// WeChat counts calls, not successes, so every call that reaches the endpoint with a valid
  /// token counts, whatever the endpoint then answers (65320, 47001, an empty body...). Calls
  /// refused earlier (a GET on a POST endpoint, a missing or bad token, an injected fault) do not
  /// count, and neither does a call refused with 45009: it used no quota, so the count stays at
  /// the limit.
  func spendQuota(_ endpoint: SandboxQuotas.Endpoint, of app: inout SandboxApp) -> Bool {
    app.quotaUsage.roll(to: Date())
    let used = app.quotaUsage.counts[endpoint] ?? 0
    guard used < configuration.quotas[endpoint] else { return false }
    app.quotaUsage.counts[endpoint] = used + 1
    return true
  }

  /// `appID`'s counts and limits today, as `/sandbox/quota` shows them:
  /// `{"appid": ..., "quota": {"addconditional": {"used": 0, "limit": 2000}, ...}}`.
  func quotaReport(appID: String) throws(SandboxError) -> [JSONMember] {
    guard var app = apps[appID] else { throw .unknownApp(appID) }
    app.quotaUsage.roll(to: Date())
    apps[appID] = app
    let usage = app.quotaUsage
    let endpoints = SandboxQuotas.Endpoint.allCases.map { endpoint in
      JSONMember(
        endpoint.rawValue,
        .object([
          JSONMember("used", .number(Double(usage.counts[endpoint] ?? 0))),
          JSONMember("limit", .number(Double(configuration.quotas[endpoint]))),
        ]))
    }
    return [JSONMember("appid", .string(appID)), JSONMember("quota", .object(endpoints))]
  }

  /// Sets today's counts of `appID` from `body`, an object such as `{"trymatch": 19999}` whose
  /// keys are endpoints (``SandboxQuotas/Endpoint``) and values whole numbers from 0 up. Nothing
  /// changes unless every member is valid.
  func setQuotaUsage(_ body: JSONValue, appID: String) throws(SandboxError) {
    func invalid(_ reason: String) -> SandboxError {
      .invalidControlRequest(path: "/sandbox/quota", reason: reason)
    }
    guard var app = apps[appID] else { throw .unknownApp(appID) }
    guard case .object(let members) = body else {
      throw invalid("the body must be an object such as {\"trymatch\": 19999}")
    }
    let known = SandboxQuotas.Endpoint.allCases.map(\.rawValue).joined(separator: ", ")
    var counts: [(SandboxQuotas.Endpoint, Int)] = []
    for member in members {
      guard let endpoint = SandboxQuotas.Endpoint(rawValue: member.key) else {
        throw invalid("no quota named \"\(member.key)\": use \(known)")
      }
      guard case .number(let number) = member.value, let count = Int(exactly: number), count >= 0
      else {
        throw invalid("\"\(member.key)\" must be a whole number of calls from 0 up")
      }
      counts.append((endpoint, count))
    }
    app.quotaUsage.roll(to: Date())
    for (endpoint, count) in counts {
      app.quotaUsage.counts[endpoint] = count
    }
    apps[appID] = app
  }
}
