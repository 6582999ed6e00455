import Foundation

/// The version `menuvault --version` prints: the release number and how this binary was built,
/// `0.2.0 (release build, static Swift runtime)`, on one line.
enum MenuVaultVersion {
  /// The release number.
  static let number = "0.2.0"

  /// What the command's configuration gives as its version.
  ///
  /// The configuration is built at every start, but only `--version` prints the version, so the
  /// build is described only when the arguments ask for it: every other command starts without
  /// reading `/proc/self/maps` (start-up time is benchmarked).
  static var current: String {
    CommandLine.arguments.dropFirst().contains("--version") ? described : number
  }

  /// The number, then whether this is a debug or a release build and whether the Swift runtime is
  /// linked into the binary (`--static-swift-stdlib`) or loaded from `libswiftCore.so`.
  static var described: String {
    "\(number) (\(build) build, \(swiftRuntime) Swift runtime)"
  }

  /// `debug` or `release`, as compiled.
  static var build: String {
    #if DEBUG
      return "debug"
    #else
      return "release"
    #endif
  }

  /// `dynamic` when the process has `libswiftCore.so` mapped, else `static`.
  static var swiftRuntime: String {
    #if os(Linux)
      guard let maps = readToEnd("/proc/self/maps") else { return "unknown" }
      let loaded = maps.split(separator: "\n").contains { $0.hasSuffix("/libswiftCore.so") }
      return loaded ? "dynamic" : "static"
    #else
      // Apple platforms load the Swift runtime from the system; it cannot be linked statically.
      return "dynamic"
    #endif
  }

  #if os(Linux)
    /// The whole of a file whose size is not known in advance: `/proc` files report 0 bytes, and
    /// Foundation's `String(contentsOfFile:)` stops after its first read of them.
    private static func readToEnd(_ path: String) -> String? {
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { return nil }
      defer { close(descriptor) }
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { break }
        if count < 0 {
          if errno == EINTR { continue }
          return nil
        }
        bytes += buffer[..<count]
      }
      return String(decoding: bytes, as: UTF8.self)
    }
  #endif
}
