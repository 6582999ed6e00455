import Synchronization

/// The lines the rollback reports as it goes (`creating the default menu`, ...).
final class StepLog: Sendable {
  private let collected = Mutex<[String]>([])

  func append(_ line: String) {
    collected.withLock { $0.append(line) }
  }

  var lines: [String] {
    collected.withLock { $0 }
  }
}
