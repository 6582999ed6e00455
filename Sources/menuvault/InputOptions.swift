import ArgumentParser
import Foundation
import MenuVault

extension Platform: ExpressibleByArgument {}
extension DocumentShape: ExpressibleByArgument {}

/// Where a document comes from and how to read it; shared by the menu commands.
struct MenuInputOptions: ParsableArguments {
  @Argument(help: "The menu document to read, or - for standard input.")
  var path: String = "-"

  @Option(help: "The platform whose rules apply: wechat or weibo.")
  var platform: Platform = .wechat

  @Option(
    help:
      "Read the document as this shape instead of detecting it: create, menu-get, selfmenu or weibo-show."
  )
  var shape: DocumentShape?

  /// Reads and normalizes the document, or fails with its one-line error and exit 65/66.
  func normalizedMenu() throws -> (input: InputDocument, menu: NormalizedMenu) {
    let input = try InputDocument.read(path)
    do {
      return (input, try Normalizer.normalize(input.bytes, platform: platform, shape: shape))
    } catch {
      throw CommandFailure(
        message: "\(input.name): \(error.messageWithShapeOption)", exitCode: .dataError)
    }
  }
}

extension NormalizeError {
  /// The error's line for a command that takes `--shape`: an unknown shape also names the option
  /// that settles it (the library's message says "read it with an explicit shape").
  var messageWithShapeOption: String {
    guard case .unknownShape = self else { return description }
    let shapes = DocumentShape.allCases.map(\.rawValue)
    return description + ": pass --shape \(shapes.dropLast().joined(separator: ", ")) "
      + "or \(shapes.last ?? "")"
  }
}

/// The bytes of one input and the name errors call it by.
struct InputDocument {
  /// The path as given, or `<stdin>`.
  var name: String
  /// The exact bytes read.
  var bytes: [UInt8]

  /// Reads a path, or standard input for `-`.
  static func read(_ path: String) throws -> InputDocument {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return InputDocument(name: "<stdin>", bytes: [UInt8](data))
    }
    do {
      // Mapped rather than read into a buffer that is then copied again: a large import
      // touches the file's memory once.
      let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
      return InputDocument(name: path, bytes: [UInt8](data))
    } catch {
      let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
      throw CommandFailure(
        message: "\(path): cannot read the file (\(reason))", exitCode: .noInput)
    }
  }
}
