import Foundation
import Logging
import Synchronization

/// One log call as the handler received it.
struct LogRecord: Sendable, Equatable {
  var level: Logger.Level
  var message: String
  /// The call's metadata with the handler's, values as text.
  var metadata: [String: String]
}

/// Collects log records from any thread.
final class LogRecords: Sendable {
  private let stored = Mutex<[LogRecord]>([])

  func append(_ record: LogRecord) {
    stored.withLock { $0.append(record) }
  }

  var all: [LogRecord] {
    stored.withLock { $0 }
  }
}

/// A handler that takes every level and appends each message, text only, to a ``LineCollector``
/// (the lines the clients log, as a test reads them) and the whole record to ``LogRecords``.
struct CollectingLogHandler: LogHandler {
  let lines: LineCollector
  let records: LogRecords?
  var logLevel: Logger.Level = .trace
  var metadata: Logger.Metadata = [:]

  /// A logger whose messages go to `lines`, and whose records go to `records` when given.
  static func logger(into lines: LineCollector, records: LogRecords? = nil) -> Logger {
    Logger(label: "menuvault-tests") { _ in
      CollectingLogHandler(lines: lines, records: records)
    }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    lines.append(event.message.description)
    let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
    records?.append(
      LogRecord(
        level: event.level, message: event.message.description,
        metadata: merged.mapValues { $0.description }))
  }
}
