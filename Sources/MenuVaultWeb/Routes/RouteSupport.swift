import Hummingbird
import MenuVault

extension RequestContext {
  /// The path parameter `name`, percent-decoded.
  func pathParameter(_ name: String) -> String? {
    parameters.get(name).map { PercentEncoding.decode($0, plusIsSpace: false) }
  }

  /// The snapshot id in the path, or a 404 that says which ids exist.
  func snapshotID() throws -> Int64 {
    let text = parameters.get("id") ?? ""
    guard let id = Int64(text), id > 0 else { throw WebError.noSnapshot("'\(text)'") }
    return id
  }
}

extension Request {
  /// The query parameter `name` as a snapshot id: `nil` when absent, a 400 when it is not one.
  func snapshotIDParameter(_ name: String) throws -> Int64? {
    guard let text = uri.queryParameters[Substring(name)] else { return nil }
    guard let id = Int64(text), id > 0 else {
      throw WebError.badRequest("\(name)=\(text) is not a snapshot id: give a positive number")
    }
    return id
  }

  /// The query parameter `name` as a flag (`1`, `true`, `0`, `false`); a 400 for anything else.
  func flagParameter(_ name: String) throws -> Bool {
    guard let text = uri.queryParameters[Substring(name)] else { return false }
    switch text.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off", "": return false
    default: throw WebError.badRequest("\(name)=\(text) is not a flag: give 1 or 0")
    }
  }
}

extension VaultStoreError {
  /// Whether this says that snapshot `id` does not exist.
  func isSnapshotNotFound(_ id: Int64?) -> Bool {
    if case .snapshotNotFound(let missing) = self { return missing == id }
    return false
  }
}
