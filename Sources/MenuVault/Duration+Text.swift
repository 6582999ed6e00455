extension Duration {
  /// Reads a length of time as people write it on a command line or in a file: a whole number
  /// and a unit, `ms`, `s`, `m`, `h` or `d` (`500ms`, `90m`, `12h`, `30d`). Zero is a duration;
  /// whoever needs more says so.
  ///
  /// - Returns: `nil` for anything else (a fraction, a sign, a space, another unit, a number too
  ///   large for the type).
  public init?(text: String) {
    let units: [(suffix: String, milliseconds: Int64)] = [
      ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]
    guard let unit = units.first(where: { text.hasSuffix($0.suffix) }) else { return nil }
    let digits = text.dropLast(unit.suffix.count)
    guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
      let count = Int64(digits)
    else { return nil }
    let (total, overflow) = count.multipliedReportingOverflow(by: unit.milliseconds)
    guard !overflow, total <= Int64.max / 1_000_000 else { return nil }
    self = .milliseconds(total)
  }
}
