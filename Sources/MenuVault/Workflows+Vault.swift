import Foundation
import MenuVaultStore

extension Workflows {
  /// Runs blocking vault work on a thread outside Swift's cooperative pool and waits for it: a
  /// vault call can wait out SQLite's busy timeout, and a pool thread blocked that long stalls
  /// every other task of the process (a server's requests, the other accounts of a pull).
  func vault<T: Sendable>(_ body: @escaping @Sendable (VaultStore) throws -> T) async throws -> T {
    let store = self.store
    return try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try body(store) }) }
    }
  }
}
