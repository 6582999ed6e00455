/// One menu document found in an input, already normalized.
public struct ImportedDocument: Sendable {
  /// Where it came from: `file` or `file:line` for a document-per-line input.
  public var location: String
  /// The exact bytes of the document (one line, without its newline, for a multi-document file).
  public var rawBytes: [UInt8]
  /// The normalized menu.
  public var menu: NormalizedMenu
}

/// Why an input could not be imported; names the file and, for a multi-document file, the line.
public struct ImportError: Error, Equatable, CustomStringConvertible {
  /// `file` or `file:line`.
  public var location: String
  /// What was wrong with the document there.
  public var reason: NormalizeError

  /// `file:line: reason`.
  public var description: String { "\(location): \(reason.description)" }
}

/// Splits an input into menu documents and normalizes each: a file holding one JSON document, or
/// a file of many documents, one per line (NDJSON; blank lines are skipped).
public enum DocumentBatch {
  /// Reads every document of `bytes` (named `name` in errors). Nothing is returned unless every
  /// document is readable: the first bad one throws.
  public static func read(
    _ bytes: [UInt8], name: String, platform: Platform, shape: DocumentShape? = nil
  ) throws(ImportError) -> [ImportedDocument] {
    do {
      let menu = try Normalizer.normalize(bytes, platform: platform, shape: shape)
      return [ImportedDocument(location: name, rawBytes: bytes, menu: menu)]
    } catch {
      // A document-per-line file fails as one document right after its first line.
      guard case .invalidJSON(let parseError) = error, parseError.reason == .trailingContent,
        bytes.contains(0x0A)
      else {
        throw ImportError(location: name, reason: error)
      }
    }
    var documents: [ImportedDocument] = []
    var lineNumber = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      var lineBytes = Array(line)
      if lineBytes.last == 0x0D { lineBytes.removeLast() }
      if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      let location = "\(name):\(lineNumber)"
      do {
        let menu = try Normalizer.normalize(lineBytes, platform: platform, shape: shape)
        documents.append(ImportedDocument(location: location, rawBytes: lineBytes, menu: menu))
      } catch {
        throw ImportError(location: location, reason: error)
      }
    }
    return documents
  }
}
