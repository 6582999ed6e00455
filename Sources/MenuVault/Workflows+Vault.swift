import Foundation
import MenuVaultStore

extension Workflows {
  /// Runs blocking vault work on a thread outside Swift's cooperative pool and waits for it: a
  /// vault call can wait out SQLite's busy timeout, and a pool thread blocked that long stalls
  /// every other task of the process (a server's requests, the other accounts of a pull).
  ///
  /// The worker lets go of the store before the caller resumes, so the store closes (and SQLite
  /// folds its `-wal` file back) when the caller's last reference goes, as it would without the
  /// hop.
  func vault<T: Sendable>(_ body: @escaping @Sendable (VaultStore) throws -> T) async throws -> T {
    let work = VaultWork(store: store, body: body)
    return try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: work.run()) }
    }
  }
}

/// One piece of vault work handed to a worker thread; it drops the store and the closure once
/// run.
private final class VaultWork<T: Sendable>: @unchecked Sendable {
  private var store: VaultStore?
  private var body: (@Sendable (VaultStore) throws -> T)?

  init(store: VaultStore, body: @escaping @Sendable (VaultStore) throws -> T) {
    self.store = store
    self.body = body
  }

  /// Runs the work once, then forgets the store and the closure.
  func run() -> Result<T, any Error> {
    defer {
      store = nil
      body = nil
    }
    guard let store, let body else {
      return .failure(CancellationError())
    }
    return Result { try body(store) }
  }
}
