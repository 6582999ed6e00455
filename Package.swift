// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "MenuVault",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "MenuVault", targets: ["MenuVault"]),
    .executable(name: "menuvault", targets: ["menuvault"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
  ],
  targets: [
    .target(
      name: "MenuVault",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      resources: []
    ),
    .executableTarget(
      name: "menuvault",
      dependencies: [
        "MenuVault",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MenuVaultTests",
      dependencies: ["MenuVault"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "menuvaultTests",
      dependencies: ["MenuVault"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
