import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#else
  import SQLite3
#endif

/// A prepared statement driven through the SQLite C API, for the hot paths (recording, and
/// prune's pass over every snapshot): binding and stepping without boxing each argument
/// (GRDB's `StatementArguments`) costs a fraction as much.
///
/// Borrowed from GRDB's statement cache; every use ends with `reset()`, so GRDB finds it clean.
struct RawStatement {
  private let statement: Statement
  private let handle: OpaquePointer
  private let connection: OpaquePointer

  init(_ db: Database, sql: String) throws {
    statement = try db.cachedStatement(sql: sql)
    handle = statement.sqliteStatement
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the vault connection is closed")
    }
    self.connection = connection
  }

  func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  func bind(_ index: Int32, _ value: Int64?) {
    if let value {
      sqlite3_bind_int64(handle, index, value)
    } else {
      sqlite3_bind_null(handle, index)
    }
  }

  func bind(_ index: Int32, _ value: String?) {
    guard let value else {
      sqlite3_bind_null(handle, index)
      return
    }
    var text = value
    text.withUTF8 { utf8 in
      _ = sqlite3_bind_text(
        handle, index,
        utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
        Int32(utf8.count), transient)
    }
  }

  /// Binds bytes as a blob; SQLite copies them.
  func bind<Bytes: ContiguousBytes>(_ index: Int32, blob bytes: Bytes) {
    bytes.withUnsafeBytes { buffer in
      // A zero-length blob needs a non-null pointer to stay a blob rather than NULL.
      let pointer = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
      _ = sqlite3_bind_blob(handle, index, pointer, Int32(buffer.count), transient)
    }
  }

  /// Runs the statement to its next row: `true` when there is one (read it with `int64(_:)`),
  /// `false` when it is done.
  func step() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code:
      let message = String(cString: sqlite3_errmsg(connection))
      sqlite3_reset(handle)
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
  }

  /// The integer in column `column` of the current row.
  func int64(_ column: Int32) -> Int64 {
    sqlite3_column_int64(handle, column)
  }

  /// Whether column `column` of the current row is NULL.
  func isNull(_ column: Int32) -> Bool {
    sqlite3_column_type(handle, column) == SQLITE_NULL
  }

  /// How many rows the last completed INSERT, UPDATE or DELETE on the connection changed.
  var changes: Int32 {
    sqlite3_changes(connection)
  }

  /// Readies the statement for its next use and drops its bindings.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  private var transient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  }
}
