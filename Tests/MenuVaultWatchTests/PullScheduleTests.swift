import Foundation
import MenuVaultWatch
import Testing

/// The watcher's rules with times given by hand: days of schedule in a blink.
@Suite("the watcher's schedule")
struct PullScheduleTests {
  static let interval: Duration = .seconds(900)
  static let options = WatchOptions(interval: interval)
  /// 2026-12-03T10:00:00Z (18:00 in Beijing).
  static let now = Date(timeIntervalSince1970: 1_796_292_000)

  @Test("a thousand accounts are spread over the interval, each due within it")
  func spread() {
    var schedule = PullSchedule(options: Self.options)
    schedule.sync((0..<1000).map { ("shop-\($0)", 0) }, now: Self.now)
    let end = Self.now.addingTimeInterval(900)
    let due = schedule.due(before: end)
    #expect(due.count == 1000)
    var buckets = [Int](repeating: 0, count: 10)
    for entry in due {
      let offset = entry.at.timeIntervalSince(Self.now)
      #expect(offset >= 0 && offset < 900)
      buckets[min(9, Int(offset / 90))] += 1
    }
    // Every tenth of the interval holds about a tenth of the accounts.
    #expect(buckets.allSatisfy { (60...140).contains($0) }, "\(buckets)")
  }

  @Test("failures back off 2, 4, 8, 8 intervals; a good pull brings the account back")
  func backoff() throws {
    var schedule = PullSchedule(options: Self.options)
    schedule.sync([("shop", 0)], now: Self.now)
    var time = Self.now
    for expected in [2.0, 4, 8, 8] {
      schedule.failed("shop", quotaExceeded: false, now: time)
      let entry = try #require(schedule.entries["shop"])
      #expect(entry.due.timeIntervalSince(time) == expected * 900)
      time = entry.due
    }
    #expect(schedule.entries["shop"]?.hold == .backoff(failures: 4))
    schedule.succeeded("shop", now: time)
    let entry = try #require(schedule.entries["shop"])
    #expect(entry.failures == 0)
    #expect(entry.hold == nil)
    #expect(entry.due > time && entry.due <= time.addingTimeInterval(900))
  }

  @Test("an account the vault says is failing starts backed off")
  func startsBackedOff() throws {
    var schedule = PullSchedule(options: Self.options)
    schedule.sync([("shop", 2)], now: Self.now)
    let entry = try #require(schedule.entries["shop"])
    #expect(entry.due == Self.now.addingTimeInterval(4 * 900))
  }

  @Test(
    "45009 pauses the account until 00:00 Beijing time",
    arguments: [
      (1_796_292_000, 1_796_313_600),  // 10:00Z -> 16:00Z the same day
      (1_796_317_200, 1_796_400_000),  // 17:00Z (01:00 in Beijing) -> 16:00Z the next day
    ])
  func quotaPause(now: Int, reset: Int) {
    var schedule = PullSchedule(options: Self.options)
    let time = Date(timeIntervalSince1970: TimeInterval(now))
    schedule.sync([("shop", 0)], now: time)
    schedule.failed("shop", quotaExceeded: true, now: time)
    #expect(schedule.entries["shop"]?.due == Date(timeIntervalSince1970: TimeInterval(reset)))
    #expect(schedule.entries["shop"]?.hold == .quotaExceeded)
  }

  @Test("the watcher spends at most a tenth of a daily quota, counted per account and path")
  func dailyBudget() {
    var schedule = PullSchedule(options: Self.options)
    schedule.sync([("shop", 0), ("other", 0)], now: Self.now)
    #expect(Self.options.dailyBudget("cgi-bin/menu/get") == 1000)
    #expect(Self.options.dailyBudget("cgi-bin/get_current_selfmenu_info") == 1000)
    #expect(Self.options.dailyBudget("2/messages/menu/show.json") == 1000)
    for _ in 0..<999 { schedule.countCall("shop", endpoint: "cgi-bin/menu/get", now: Self.now) }
    var allowed = schedule.mayPull("shop", now: Self.now)
    #expect(allowed)
    schedule.countCall("shop", endpoint: "cgi-bin/menu/get", now: Self.now)
    allowed = schedule.mayPull("shop", now: Self.now)
    #expect(!allowed)
    #expect(schedule.entries["shop"]?.hold == .budgetSpent(endpoint: "cgi-bin/menu/get"))
    #expect(schedule.entries["shop"]?.due == PullSchedule.nextQuotaReset(after: Self.now))
    allowed = schedule.mayPull("other", now: Self.now)
    #expect(allowed)
    // A new Beijing day counts from zero.
    let tomorrow = PullSchedule.nextQuotaReset(after: Self.now)
    allowed = schedule.mayPull("shop", now: tomorrow)
    #expect(allowed)
    #expect(schedule.callsToday("shop", endpoint: "cgi-bin/menu/get") == 0)
  }

  @Test("accounts added are scheduled, accounts removed are dropped")
  func syncFollowsTheVault() {
    var schedule = PullSchedule(options: Self.options)
    schedule.sync([("a", 0), ("b", 0)], now: Self.now)
    schedule.sync([("b", 0), ("c", 0)], now: Self.now)
    #expect(Set(schedule.entries.keys) == ["b", "c"])
  }

  @Test(
    "intervals read as a number and a unit",
    arguments: [
      ("15m", Duration.seconds(900)), ("1h", .seconds(3600)), ("1s", .seconds(1)),
      ("30d", .seconds(30 * 86_400)), ("500ms", .milliseconds(500)), ("0s", .zero),
    ])
  func parsesIntervals(text: String, duration: Duration) {
    #expect(Duration(text: text) == duration)
  }

  @Test(
    "anything else is no interval",
    arguments: ["", "15", "m", "-1m", "1.5h", "1 h", "1w", "99999999999999999d"])
  func refusesOthers(text: String) {
    #expect(Duration(text: text) == nil)
  }
}
