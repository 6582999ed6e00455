import Foundation

extension URL {
  /// A URL written in the source, such as a platform's API base: a typo stops the program the
  /// first time the value is used (every client test uses it) instead of pointing the client
  /// somewhere else.
  init(constant text: StaticString) {
    guard let url = URL(string: "\(text)") else { preconditionFailure("not a URL: \(text)") }
    self = url
  }
}
