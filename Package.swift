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
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
  ],
  targets: [
    .target(
      name: "CCurlTransport",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    .target(
      name: "MenuVault",
      dependencies: [
        "CCurlTransport",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .target(
      name: "MenuSandbox",
      dependencies: [
        "MenuVault",
        .product(name: "FlyingSocks", package: "FlyingFox"),
      ]
    ),
    .executableTarget(
      name: "menuvault",
      dependencies: [
        "MenuVault",
        "MenuSandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MenuVaultTests",
      dependencies: [
        "MenuVault", "MenuSandbox", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "menuvaultTests",
      dependencies: ["MenuVault", "menuvault"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
