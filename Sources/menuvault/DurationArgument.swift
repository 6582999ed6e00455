import ArgumentParser
import MenuVault

/// A length of time on the command line, as the library reads one (`Duration(text:)`: `90m`,
/// `12h`, `30d`), kept with the text it was written as.
struct DurationArgument: Equatable, CustomStringConvertible {
  /// The length of time.
  var duration: Duration
  /// The text it was written as, shown back in help and messages.
  var description: String
}

extension DurationArgument: ExpressibleByArgument {
  init?(argument: String) {
    guard let duration = Duration(text: argument) else { return nil }
    self.init(duration: duration, description: argument)
  }
}
