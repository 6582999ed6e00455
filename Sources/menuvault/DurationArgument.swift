import ArgumentParser

/// A length of time on the command line: a whole number and a unit, `s`, `m`, `h` or `d`
/// (`90m`, `12h`, `30d`), as `prune --keep-within` takes it.
struct DurationArgument: Equatable, CustomStringConvertible {
  /// The length of time.
  var duration: Duration
  /// The text it was written as, shown back in help and messages.
  var description: String
}

extension DurationArgument: ExpressibleByArgument {
  /// Seconds per unit.
  private static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]

  init?(argument: String) {
    guard let unit = argument.last, let seconds = Self.units[unit] else { return nil }
    let digits = argument.dropLast()
    guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
      let count = Int64(digits)
    else { return nil }
    let (total, overflow) = count.multipliedReportingOverflow(by: seconds)
    guard !overflow else { return nil }
    self.init(duration: .seconds(total), description: argument)
  }
}
