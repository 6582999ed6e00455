import Foundation
import MenuVault

/// The vault as the pages read it. Every call runs on a thread outside Swift's cooperative
/// pool, as the library's own queries do: a vault call can wait out SQLite's busy timeout while
/// a rollback writes, and a pool thread blocked that long would stall every other request.
///
/// The pages only read through it (`menuvault serve` opens it with
/// `VaultStore.openForReading(path:)`, so SQLite refuses any write); the rollback routes open
/// their own, writable vault for the length of one request (``RollbackRoutes``).
struct VaultReader: Sendable {
  /// The vault the server was started on.
  let store: VaultStore

  /// The library's queries over the same vault (history entries, snapshots, comparisons).
  var workflows: Workflows { Workflows(store: store) }

  /// Runs `body` with the vault off the cooperative pool and returns what it returns.
  func read<T: Sendable>(_ body: @escaping @Sendable (VaultStore) throws -> T) async throws -> T {
    let store = self.store
    return try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try body(store) }) }
    }
  }
}
