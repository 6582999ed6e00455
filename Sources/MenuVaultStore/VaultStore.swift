import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The vault: an SQLite file holding every snapshot of every account's menu, append-only.
///
/// Content is stored once under its SHA-256 (`blob`), snapshots point at it, and the schema is
/// `schema.sql` at the repository root. A file vault runs in WAL mode with a 10 s busy timeout
/// and write transactions that take the lock up front (`BEGIN IMMEDIATE`), so several processes
/// can write one vault at once. The value is cheap to copy and safe to share between threads.
public struct VaultStore: Sendable {
  /// The `PRAGMA application_id` of a MenuVault vault: 0x4D6E5654, "MnVT".
  public static let applicationID: Int32 = 0x4D6E_5654

  /// The schema version this library writes and reads (`PRAGMA user_version`).
  public static let schemaVersion = 2

  /// The page size of a new vault file: 64 KiB pages (SQLite's largest) leave the least slack
  /// around 1-2 KB blobs: a file 1.10 times its content, against 1.11 with 32 KiB pages.
  static let defaultPageSize = 65536

  /// How long a connection waits for another one's lock before giving up.
  static let busyTimeout: TimeInterval = 10

  /// The file path, or `nil` for an in-memory vault.
  public let path: String?

  let writer: any DatabaseWriter

  private init(path: String?, writer: any DatabaseWriter) {
    self.path = path
    self.writer = writer
  }

  /// Opens the vault at `path`, creating it (mode 0600) and its schema when the file is new.
  ///
  /// - Parameter path: A file path; `:memory:` opens an in-memory vault.
  /// - Throws: ``VaultStoreError/notAVault(path:applicationID:)`` for a database of another
  ///   program or a file that is not SQLite at all,
  ///   ``VaultStoreError/newerSchema(path:found:supported:)`` for a vault written by a newer
  ///   MenuVault, ``VaultStoreError/cannotCreate(path:reason:)`` when the file cannot be created,
  ///   or a `DatabaseError` from SQLite.
  public static func open(path: String) throws -> VaultStore {
    try open(path: path, pageSize: defaultPageSize)
  }

  /// Opens an existing vault for reading only: SQLite refuses every write through it, and
  /// opening it changes nothing in the file (no schema set-up, no journal-mode switch). Readers
  /// run side by side, and another connection may write the vault meanwhile (WAL).
  ///
  /// - Parameter path: The path of an existing vault.
  /// - Throws: ``VaultStoreError/cannotCreate(path:reason:)`` when the file does not exist or
  ///   cannot be read, ``VaultStoreError/notAVault(path:applicationID:)`` for a file that is not
  ///   a vault (an empty file included: nothing may set it up),
  ///   ``VaultStoreError/newerSchema(path:found:supported:)``, or a `DatabaseError` from SQLite.
  public static func openForReading(path: String) throws -> VaultStore {
    guard access(path, R_OK) == 0 else {
      throw VaultStoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    var configuration = configuration(pageSize: defaultPageSize)
    configuration.readonly = true
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      let store = VaultStore(path: path, writer: pool)
      let migrator = Self.migrator
      let complete = try pool.read { db -> Bool in
        try Self.checkHeader(db, migrator: migrator, path: path)
        return try migrator.hasCompletedMigrations(db)
      }
      guard complete else {
        let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        guard let version, version > 0 else {
          throw VaultStoreError.notAVault(path: path, applicationID: 0)
        }
        throw VaultStoreError.olderSchema(path: path, found: version, supported: schemaVersion)
      }
      return store
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw VaultStoreError.notAVault(path: path, applicationID: 0)
    }
  }

  /// Opens a new, empty vault in memory (for tests and dry runs); it vanishes with its last copy.
  public static func inMemory() throws -> VaultStore {
    let queue = try DatabaseQueue(configuration: configuration(pageSize: defaultPageSize))
    let store = VaultStore(path: nil, writer: queue)
    try store.prepareSchema(displayPath: ":memory:")
    return store
  }

  /// Opens a file vault with a given page size for new files (measurements compare sizes).
  static func open(path: String, pageSize: Int) throws -> VaultStore {
    if path == ":memory:" { return try inMemory() }
    // stat(2), not FileManager's attributes: those look up the owner's user and group names
    // (reading /etc/passwd and /etc/group) on every command.
    var status = stat()
    let isNew = stat(path, &status) != 0 || status.st_size == 0
    try createFileIfMissing(path)
    let deadline = Date().addingTimeInterval(busyTimeout)
    while true {
      do {
        // One connection, a DatabaseQueue; a new file is switched to WAL (a setting stored in
        // the file). Not a DatabasePool: its pool writes to a WAL database whose -wal file is
        // missing (creating and dropping a table), so every command, even a read, would rewrite
        // the vault's header; and it closes its writer before its read-only readers, so the
        // last connection to close cannot fold the -wal file back into the vault, which a
        // command that created a vault and then read it left holding the vault's content.
        var settings = configuration(pageSize: pageSize)
        if isNew { settings.journalMode = .wal }
        let writer: any DatabaseWriter = try DatabaseQueue(path: path, configuration: settings)
        try writer.writeWithoutTransaction { db in
          // GRDB sets `synchronous = NORMAL` with WAL; FULL makes every commit durable.
          try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let store = VaultStore(path: path, writer: writer)
        try store.prepareSchema(displayPath: path)
        return store
      } catch let error as DatabaseError where isBusy(error) && Date() < deadline {
        // Another process is creating the same vault right now: try again shortly.
        usleep(20_000)
      } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
        throw VaultStoreError.notAVault(path: path, applicationID: 0)
      }
    }
  }

  /// Releases the vault's connections. Using the store afterwards throws.
  public func close() throws {
    try writer.close()
  }

  /// Moves everything from the write-ahead log into the main file and empties the log.
  package func checkpoint() throws {
    guard path != nil else { return }
    _ = try writer.writeWithoutTransaction { db in
      try db.checkpoint(.truncate)
    }
  }

  // MARK: - Set-up

  private static func configuration(pageSize: Int) -> Configuration {
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.foreignKeysEnabled = true
    configuration.label = "MenuVault"
    configuration.prepareDatabase { db in
      // Effective only while the file is empty, which is when it matters.
      try db.execute(sql: "PRAGMA page_size = \(pageSize)")
      // Keep a large write-ahead log from staying large after a checkpoint.
      try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
      // Room for the pages a batch of a few thousand snapshots touches (32 MiB, used on demand).
      try db.execute(sql: "PRAGMA cache_size = -32768")
      // Read pages straight from the mapped file instead of copying 64 KiB per page read.
      try db.execute(sql: "PRAGMA mmap_size = 268435456")
    }
    return configuration
  }

  static func createFileIfMissing(_ path: String) throws {
    #if canImport(Glibc)
      let descriptor = Glibc.open(path, O_RDWR | O_CREAT, 0o600)
    #else
      let descriptor = Darwin.open(path, O_RDWR | O_CREAT, 0o600)
    #endif
    guard descriptor >= 0 else {
      throw VaultStoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    #if canImport(Glibc)
      _ = Glibc.close(descriptor)
    #else
      _ = Darwin.close(descriptor)
    #endif
  }

  private static func isBusy(_ error: DatabaseError) -> Bool {
    error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      // schema.sql, compiled in by SwiftPM (`.embedInCode` in Package.swift).
      try db.execute(sql: String(decoding: PackageResources.schema_sql, as: UTF8.self))
    }
    migrator.registerMigration("v2") { db in
      // The account state and retention (Migrations/v2-account-state.sql), then each account's
      // state computed from what the vault already holds.
      try db.execute(
        sql: String(decoding: PackageResources.v2_account_state_sql, as: UTF8.self))
      for accountID in try Int64.fetchAll(db, sql: "SELECT id FROM account ORDER BY id") {
        try refreshAccountState(db, accountID: accountID, pulledAt: nil)
      }
    }
    return migrator
  }

  /// Checks that the database is a vault this version can read, then applies the migrations it
  /// lacks. Several processes may do this at once on a new file: the one that loses the race
  /// sees the winner's migrations when it looks again.
  private func prepareSchema(displayPath: String) throws {
    let migrator = Self.migrator
    var attempts = 0
    while true {
      let complete = try writer.read { db -> Bool in
        try Self.checkHeader(db, migrator: migrator, path: displayPath)
        return try migrator.hasCompletedMigrations(db)
      }
      if complete { return }
      do {
        try migrator.migrate(writer)
        return
      } catch {
        attempts += 1
        let completedMeanwhile = try writer.read { db in
          try migrator.hasCompletedMigrations(db)
        }
        if completedMeanwhile { return }
        if attempts >= 5 { throw error }
      }
    }
  }

  private static func checkHeader(_ db: Database, migrator: DatabaseMigrator, path: String) throws {
    let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if applicationID == 0 {
      let objects = try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM sqlite_master
          WHERE substr(name, 1, 5) <> 'grdb_' AND substr(name, 1, 7) <> 'sqlite_'
          """)
      if objects ?? 0 > 0 {
        throw VaultStoreError.notAVault(path: path, applicationID: applicationID)
      }
      return
    }
    guard applicationID == Self.applicationID else {
      throw VaultStoreError.notAVault(path: path, applicationID: applicationID)
    }
    if userVersion > schemaVersion {
      throw VaultStoreError.newerSchema(
        path: path, found: "version \(userVersion)", supported: schemaVersion)
    }
    let known = Set(migrator.migrations)
    let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
    if let first = unknown.first {
      throw VaultStoreError.newerSchema(
        path: path, found: "migration \(first)", supported: schemaVersion)
    }
  }
}
