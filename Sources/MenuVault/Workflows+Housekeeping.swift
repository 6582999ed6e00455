import Foundation
import MenuVaultStore

extension Workflows {
  /// Every account, by name; removed ones too when `includeRemoved`.
  public func accounts(includeRemoved: Bool = false) async throws -> [Account] {
    try await vault { try $0.accounts(includeRemoved: includeRemoved) }
  }

  /// Removes the account named `name`; its snapshots stay in the vault.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func removeAccount(named name: String) async throws {
    let time = clock()
    try await vault { try $0.removeAccount(name: name, at: time) }
  }

  /// Clears a lock left by a process that died: records the account's pending operation failed.
  /// Returns the cleared operation, or `nil` when nothing was pending.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func unlock(account: String) async throws -> VaultOperation? {
    let time = clock()
    return try await vault { try $0.clearPendingOperation(account: account, at: time) }
  }

  /// An account's snapshots, newest first, without reading their menus (history's lines); the
  /// changes only unless `changesOnly` is false.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func snapshots(account: String, limit: Int? = nil, changesOnly: Bool = true)
    async throws -> [SnapshotInfo]
  {
    try await vault { try $0.history(account: account, limit: limit, changesOnly: changesOnly) }
  }

  /// The bytes snapshot `id` keeps exactly as they were sent or received.
  ///
  /// - Throws: `VaultStoreError.snapshotNotFound(id:)`.
  public func rawBytes(snapshotID id: Int64) async throws -> [UInt8] {
    try await vault { try $0.rawBytes(snapshotID: id) }
  }

  /// The RFC 8785 bytes of snapshot `id`'s normalized document: what its hash is the SHA-256 of.
  ///
  /// - Throws: `VaultStoreError.snapshotNotFound(id:)`.
  public func canonicalBytes(snapshotID id: Int64) async throws -> [UInt8] {
    try await vault { try $0.canonicalBytes(snapshotID: id) }
  }

  /// Writes the snapshots (of `account`, else of every account) as NDJSON to `handle`; returns
  /// how many.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)` for an account that does not exist.
  public func export(account: String? = nil, to handle: FileHandle) async throws -> Int {
    try await vault { store in
      if let account, try store.account(named: account) == nil {
        throw VaultStoreError.accountNotFound(name: account)
      }
      return try store.export(account: account, to: handle)
    }
  }

  /// Imports an export, verifying every hash; restoring twice adds nothing.
  ///
  /// - Throws: `VaultStoreError.restoreLineInvalid(line:problem:)`,
  ///   `VaultStoreError.restoreHashMismatch(line:key:recorded:computed:)`: nothing is written.
  public func restore(from bytes: [UInt8]) async throws -> RestoreReport {
    try await vault { try $0.restore(from: bytes) }
  }

  /// Copies the vault with SQLite's online backup to `destination` (a new file), then verifies
  /// the copy.
  public func backup(to destination: String) async throws -> VerifyReport {
    try await vault { try $0.backup(to: destination) }
  }

  /// Checks the vault: SQLite's integrity and the hash of every stored byte.
  public func verify() async throws -> VerifyReport {
    try await vault { try $0.verify() }
  }
}
