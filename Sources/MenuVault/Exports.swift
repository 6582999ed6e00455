// What `import MenuVault` brings: the workflows in this module and the public API of every
// layer below them, so a library user needs one import.
@_exported import MenuVaultCore
@_exported import MenuVaultJSON
@_exported import MenuVaultPlatform
@_exported import MenuVaultStore
