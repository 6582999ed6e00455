/// The version `menuvault --version` prints.
enum MenuVaultVersion {
  static let current = "0.1.0"
}
