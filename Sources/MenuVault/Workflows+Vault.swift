import MenuVaultPlatform
import MenuVaultStore

extension Workflows {
  /// Runs blocking vault work through `BlockingWork` (MenuVaultPlatform) and returns what it returns.
  package func vault<T: Sendable>(_ body: @escaping @Sendable (VaultStore) throws -> T)
    async throws -> T
  {
    let store = self.store
    return try await BlockingWork.run { try body(store) }
  }
}
