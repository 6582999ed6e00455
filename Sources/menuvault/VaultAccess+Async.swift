import MenuVault

extension VaultAccess {
  /// Runs async vault work (the library's queries), mapping its errors as ``run(_:)`` does, and
  /// a workflow error as ``WorkflowAccess`` does.
  static func run<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as WorkflowError {
      throw WorkflowAccess.failure(for: error)
    } catch {
      return try run { () throws -> T in throw error }
    }
  }
}
