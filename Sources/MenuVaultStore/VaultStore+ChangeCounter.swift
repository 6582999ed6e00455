import GRDB

/// A number that changes whenever anything is committed to a vault, by any connection of any
/// process: a reader that kept something drawn from the vault asks it, before using what it kept,
/// whether the vault has changed since (`menuvault serve`'s page cache).
///
/// How: SQLite's `PRAGMA data_version` on a connection of the counter's own. It changes when
/// another connection commits (of this process or another one: the watcher, a rollback, the
/// command line), and is the same number between two calls that saw no commit. A connection's
/// own commits do not change it, and its numbers mean nothing to another connection: hence a
/// connection that only runs this pragma and never writes, rather than a reader of a
/// `DatabasePool`, which may answer from any of its connections. An in-memory vault has one
/// connection and no other writer, so there the counter counts that connection's own changes
/// (`total_changes()`).
///
/// It only ever grows, and only a commit makes it grow: a value read before a read of the vault
/// is never newer than what that read sees. Asking costs a few microseconds (a read of the
/// write-ahead log's index, in shared memory); it never waits for a lock: when SQLite says the
/// vault is busy (a write-ahead log being recovered), it throws at once.
package struct VaultChangeCounter: Sendable {
  private let connection: any DatabaseReader
  private let query: String

  fileprivate init(connection: any DatabaseReader, query: String) {
    self.connection = connection
    self.query = query
  }

  /// The current value: the same as the last one when nothing was committed in between.
  ///
  /// - Throws: a `DatabaseError` (`SQLITE_BUSY` at once, rather than waiting) when the vault
  ///   cannot be read right now.
  package func current() throws -> Int64 {
    let query = self.query
    // No transaction around it: the pragma opens and ends its own read.
    return try connection.unsafeRead { db in
      try Int64.fetchOne(db.cachedStatement(sql: query)) ?? 0
    }
  }
}

extension VaultStore {
  /// A counter of this vault's commits (see ``VaultChangeCounter``): a read-only connection of
  /// its own to a file vault, or this in-memory vault's one connection.
  ///
  /// - Throws: a `DatabaseError` when the file cannot be opened for reading.
  package func changeCounter() throws -> VaultChangeCounter {
    guard let path else {
      return VaultChangeCounter(connection: writer, query: "SELECT total_changes()")
    }
    var configuration = Configuration()
    configuration.readonly = true
    // Never wait: the caller would rather go without its cache than wait for a lock.
    configuration.busyMode = .immediateError
    configuration.label = "MenuVault change counter"
    configuration.prepareDatabase { db in
      // It reads page 1 only (after a commit): no page cache to speak of.
      try db.execute(sql: "PRAGMA cache_size = 1")
    }
    return VaultChangeCounter(
      connection: try DatabaseQueue(path: path, configuration: configuration),
      query: "PRAGMA data_version")
  }
}
