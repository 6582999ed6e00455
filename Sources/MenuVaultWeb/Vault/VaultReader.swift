import MenuVault

/// The vault as the pages read it, through the library's blocking-work pool (`BlockingWork`),
/// as the library's own queries are.
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
    try await workflows.vault(body)
  }
}
