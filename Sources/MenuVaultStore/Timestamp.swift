import Foundation

/// A moment in UTC with millisecond precision, as the vault stores it (`taken_at`).
///
/// Written everywhere as ISO-8601 with milliseconds and `Z`: `2026-11-21T08:30:00.123Z`.
/// Formatting and parsing are done by hand (no `DateFormatter`), so history and export stay fast.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z (negative before).
  public var millisecondsSince1970: Int64

  /// Creates a timestamp from milliseconds since 1970-01-01T00:00:00Z.
  public init(millisecondsSince1970: Int64) {
    self.millisecondsSince1970 = millisecondsSince1970
  }

  /// Creates a timestamp from a date, rounded down to the millisecond.
  public init(_ date: Date) {
    let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
    self.millisecondsSince1970 = Int64(exactly: milliseconds) ?? 0
  }

  /// The current time, to the millisecond.
  public static func now() -> Timestamp {
    Timestamp(Date())
  }

  /// The same moment as a `Date`.
  public var date: Date {
    Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000)
  }

  /// Whether `lhs` is earlier than `rhs`.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.millisecondsSince1970 < rhs.millisecondsSince1970
  }

  /// The ISO-8601 form with milliseconds and `Z`, e.g. `2026-11-21T08:30:00.123Z`.
  ///
  /// Years outside 0000...9999 are written with as many digits as they need (and a sign when
  /// negative); the parser reads back only four-digit years.
  public var iso8601: String {
    let (days, millisecondOfDay) = Self.floorDivide(millisecondsSince1970, 86_400_000)
    let (year, month, day) = Self.civil(fromDays: days)
    let hour = millisecondOfDay / 3_600_000
    let minute = millisecondOfDay / 60_000 % 60
    let second = millisecondOfDay / 1000 % 60
    let millisecond = millisecondOfDay % 1000
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    if (0...9999).contains(year) {
      Self.append(year, digits: 4, to: &bytes)
    } else {
      bytes.append(contentsOf: Array(String(year).utf8))
    }
    bytes.append(UInt8(ascii: "-"))
    Self.append(month, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    Self.append(day, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    Self.append(hour, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    Self.append(minute, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    Self.append(second, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: "."))
    Self.append(millisecond, digits: 3, to: &bytes)
    bytes.append(UInt8(ascii: "Z"))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The ISO-8601 form, as ``iso8601``.
  public var description: String { iso8601 }

  /// Parses an ISO-8601 date and time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of a second
  /// (digits past milliseconds are dropped), then `Z` or an offset `+HH:MM` / `-HH:MM`.
  ///
  /// Returns `nil` for anything else, including impossible dates such as February 30.
  public init?(iso8601 text: String) {
    let bytes = Array(text.utf8)
    var index = 0
    func number(_ count: Int) -> Int64? {
      guard index + count <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[index..<(index + count)] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      index += count
      return value
    }
    func expect(_ characters: String) -> Bool {
      guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
      index += 1
      return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2), expect("Tt"), let hour = number(2), expect(":"),
      let minute = number(2), expect(":"), let second = number(2)
    else { return nil }
    var millisecond: Int64 = 0
    if expect(".") {
      var digits = 0
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
        bytes[index] <= UInt8(ascii: "9")
      {
        if digits < 3 { millisecond = millisecond * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
        digits += 1
        index += 1
      }
      guard digits > 0 else { return nil }
      var scale = digits
      while scale < 3 {
        millisecond *= 10
        scale += 1
      }
    }
    var offsetMinutes: Int64 = 0
    if expect("Zz") {
      offsetMinutes = 0
    } else if index < bytes.count,
      bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
    {
      let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
      index += 1
      guard let offsetHour = number(2), expect(":"), let offsetMinute = number(2),
        offsetHour <= 23, offsetMinute <= 59
      else { return nil }
      offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
    } else {
      return nil
    }
    guard index == bytes.count, (1...12).contains(month),
      (1...Self.daysInMonth(year: year, month: month)).contains(day), hour <= 23, minute <= 59,
      second <= 59
    else { return nil }
    let days = Self.days(fromCivil: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
    self.millisecondsSince1970 = seconds * 1000 + millisecond
  }

  // MARK: - Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days)

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
      quotient -= 1
      remainder += divisor
    }
    return (quotient, remainder)
  }

  private static func days(fromCivil year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = floorDivide(shiftedYear, 400).0
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = floorDivide(shifted, 146_097).0
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2:
      let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func append(_ value: Int64, digits: Int, to bytes: inout [UInt8]) {
    var divisor: Int64 = 1
    for _ in 1..<digits { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
