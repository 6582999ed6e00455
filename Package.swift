// swift-tools-version: 6.0
import PackageDescription

// The layers are targets, so the compiler keeps the dependencies pointing one way:
//
//   menuvault (command line) -> MenuVault (workflows; re-exports the layers below)
//   MenuVault -> MenuVaultStore, MenuVaultPlatform
//   MenuSandbox -> MenuVaultPlatform
//   MenuVaultStore, MenuVaultPlatform -> MenuVaultCore -> MenuVaultJSON
//
// MenuVaultStore and MenuVaultPlatform do not know each other.
let package = Package(
  name: "MenuVault",
  // macOS 15 for `Mutex` (Synchronization), the one lock type of the package.
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "MenuVault", targets: ["MenuVault"]),
    .library(name: "MenuSandbox", targets: ["MenuSandbox"]),
    .library(name: "MenuVaultWatch", targets: ["MenuVaultWatch"]),
    .executable(name: "menuvault", targets: ["menuvault"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
  ],
  targets: [
    // Strict JSON parser, RFC 8785 canonical writer, content hash: knows nothing of menus.
    .target(
      name: "MenuVaultJSON",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")]
    ),
    // The menu model, normalizer, validator and diff: pure, no I/O.
    .target(
      name: "MenuVaultCore",
      dependencies: ["MenuVaultJSON"]
    ),
    // The SQLite vault: schema, snapshots, history, operations, export/restore, verify.
    .target(
      name: "MenuVaultStore",
      dependencies: [
        "MenuVaultCore",
        "MenuVaultJSON",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      // The schema, compiled into the library (`PackageResources.schema_sql`): one binary.
      resources: [.embedInCode("schema.sql"), .embedInCode("Migrations/v2-account-state.sql")]
    ),
    // The WeChat and Weibo clients, tokens, retries, redaction, the HTTP transport, and the
    // thread pool blocking work runs on (`BlockingWork`).
    .target(
      name: "MenuVaultPlatform",
      dependencies: [
        "MenuVaultCore", "MenuVaultJSON", "CCurlTransport",
        .product(name: "Logging", package: "swift-log"),
        // `BlockingWork`'s thread pool.
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .target(
      name: "CCurlTransport",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    // The workflows (pull, publish, rollback, status, import); re-exports the layers below.
    .target(
      name: "MenuVault",
      dependencies: ["MenuVaultJSON", "MenuVaultCore", "MenuVaultStore", "MenuVaultPlatform"]
    ),
    // A server that behaves like the WeChat and Weibo menu APIs.
    .target(
      name: "MenuSandbox",
      dependencies: [
        "MenuVaultJSON",
        "MenuVaultCore",
        "MenuVaultPlatform",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ]
    ),
    // The watcher: scheduled pulls of every account as a lifecycle service, its health, and the
    // metrics (swift-metrics, exposed in Prometheus's text format). A library, so a server app
    // can run the watcher itself; the web and the command line only start it.
    .target(
      name: "MenuVaultWatch",
      dependencies: [
        "MenuVault",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    // The history browser (`menuvault serve`): routes, templates, assets; a frontend like the CLI.
    // The page templates are compiled into the code (`PackageResources`), so it stays one binary.
    .target(
      name: "MenuVaultWeb",
      dependencies: [
        "MenuVault",
        "MenuVaultWatch",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      resources: [
        .embedInCode("Templates/layout.mustache"),
        .embedInCode("Templates/time.mustache"),
        .embedInCode("Templates/diff.mustache"),
        .embedInCode("Templates/overview.mustache"),
        .embedInCode("Templates/timeline.mustache"),
        .embedInCode("Templates/timeline-row.mustache"),
        .embedInCode("Templates/snapshot.mustache"),
        .embedInCode("Templates/compare.mustache"),
        .embedInCode("Templates/rollback-confirm.mustache"),
        .embedInCode("Templates/rollback-result.mustache"),
        .embedInCode("Templates/error.mustache"),
        .embedInCode("Templates/phone.mustache"),
        .embedInCode("Templates/phone-menu.mustache"),
        .embedInCode("Templates/phone-marks.mustache"),
        .embedInCode("Templates/phone-button.mustache"),
        .embedInCode("Templates/phone-button-attributes.mustache"),
        .embedInCode("Templates/phone-button-content.mustache"),
      ]
    ),
    .executableTarget(
      name: "menuvault",
      dependencies: [
        "MenuVault",
        "MenuSandbox",
        "MenuVaultWeb",
        "MenuVaultWatch",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    .testTarget(
      name: "MenuVaultTests",
      dependencies: [
        "MenuVaultJSON", "MenuVaultCore", "MenuVaultStore", "MenuVaultPlatform", "MenuVault",
        "MenuSandbox", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "MenuVaultWebTests",
      dependencies: [
        "MenuVaultWeb", "MenuVault", "MenuSandbox",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    .testTarget(
      name: "MenuVaultWatchTests",
      dependencies: [
        "MenuVaultWatch", "MenuVault", "MenuSandbox",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    .testTarget(
      name: "menuvaultTests",
      dependencies: ["MenuVault", "menuvault"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
