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
  /// Counts the commits to the vault, on a connection of its own (see ``changeCount()``).
  private let counter: VaultChangeCounter

  /// A reader of `store`, with a counter of its commits.
  ///
  /// - Throws: a `DatabaseError` when the file cannot be opened a second time, for the counter.
  init(store: VaultStore) throws {
    self.store = store
    counter = try store.changeCounter()
  }

  /// The library's queries over the same vault (history entries, snapshots, comparisons).
  var workflows: Workflows { Workflows(store: store) }

  /// Runs `body` with the vault off the cooperative pool and returns what it returns.
  func read<T: Sendable>(_ body: @escaping @Sendable (VaultStore) throws -> T) async throws -> T {
    try await workflows.vault(body)
  }

  /// A number that moves on whenever anything is committed to the vault, by this process or
  /// another (see `VaultChangeCounter`), or `nil` when SQLite cannot tell at once (the vault is
  /// busy: then nothing kept may be used).
  ///
  /// Asked on the caller's thread, not through ``read(_:)``: it reads the write-ahead log's
  /// index in shared memory (and, after a commit, the file's first page from the page cache),
  /// a few microseconds, and never waits for a lock (busy answers at once); sending it to the
  /// blocking pool would cost more than the answer it brings.
  func changeCount() -> Int64? {
    try? counter.current()
  }
}
