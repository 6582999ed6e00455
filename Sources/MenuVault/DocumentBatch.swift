import Foundation
import MenuVaultCore

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
package enum DocumentBatch {
  /// Reads every document of `bytes` (named `name` in errors). Nothing is returned unless every
  /// document is readable: the first bad one throws.
  package static func read(
    _ bytes: [UInt8], name: String, platform: Platform, shape: DocumentShape? = nil
  ) throws(ImportError) -> [ImportedDocument] {
    try read(bytes, name: name, platform: platform, shape: shape) { $0 }
  }

  /// Reads every document of `bytes` (named `name` in errors) and returns what `transform` makes
  /// of each, in input order. Nothing is returned unless every document is readable: the first
  /// bad one (by line) throws.
  ///
  /// The lines of a many-document input are read on every core, and `transform` runs on the
  /// thread that read the document, so a caller that keeps only part of each document (say its
  /// canonical bytes) never holds the whole batch of normalized menus.
  package static func read<Result: Sendable>(
    _ bytes: [UInt8], name: String, platform: Platform, shape: DocumentShape? = nil,
    transform: @escaping @Sendable (ImportedDocument) -> Result
  ) throws(ImportError) -> [Result] {
    do {
      let menu = try Normalizer.normalize(bytes, platform: platform, shape: shape)
      return [transform(ImportedDocument(location: name, rawBytes: bytes, menu: menu))]
    } catch {
      // A document-per-line file fails as one document right after its first line.
      guard case .invalidJSON(let parseError) = error, parseError.reason == .trailingContent,
        bytes.contains(0x0A)
      else {
        throw ImportError(location: name, reason: error)
      }
    }
    let lines = documentLines(bytes)
    let chunkSize = 256
    let chunkCount = (lines.count + chunkSize - 1) / chunkSize
    let results = ConcurrentSlots<Swift.Result<[Result], ImportError>>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let chunkLines = lines[(chunk * chunkSize)..<min(lines.count, (chunk + 1) * chunkSize)]
      var documents: [Result] = []
      documents.reserveCapacity(chunkLines.count)
      // An unchanged re-fetch usually repeats the previous document byte for byte: its
      // normalized menu is the same (normalizing depends on nothing else), so it is reused.
      var previous: (range: Range<Int>, rawBytes: [UInt8], menu: NormalizedMenu)?
      for line in chunkLines {
        if let repeated = previous, sameBytes(bytes, repeated.range, line.range) {
          documents.append(
            transform(
              ImportedDocument(
                location: "\(name):\(line.number)", rawBytes: repeated.rawBytes,
                menu: repeated.menu)))
          continue
        }
        let lineBytes = Array(bytes[line.range])
        do throws(NormalizeError) {
          let menu = try Normalizer.normalize(lineBytes, platform: platform, shape: shape)
          previous = (line.range, lineBytes, menu)
          documents.append(
            transform(
              ImportedDocument(
                location: "\(name):\(line.number)", rawBytes: lineBytes, menu: menu)))
        } catch {
          results.store(
            .failure(ImportError(location: "\(name):\(line.number)", reason: error)), at: chunk)
          return
        }
      }
      results.store(.success(documents), at: chunk)
    }
    var documents: [Result] = []
    documents.reserveCapacity(lines.count)
    // The chunks are in line order, so the first failed chunk holds the first bad line.
    for chunk in results.take() {
      switch chunk {
      case .success(let part): documents += part
      case .failure(let error): throw error
      }
    }
    return documents
  }

  /// One document of a many-document input: its bytes (without the line break) and line number.
  private struct DocumentLine {
    var range: Range<Int>
    var number: Int
  }

  /// The lines of `bytes` that hold a document: split at `\n`, a trailing `\r` dropped, lines of
  /// only spaces and tabs skipped.
  private static func documentLines(_ bytes: [UInt8]) -> [DocumentLine] {
    bytes.withUnsafeBufferPointer { buffer in
      var lines: [DocumentLine] = []
      var start = 0
      var number = 0
      while start <= buffer.count {
        number += 1
        let newline = nextNewline(in: buffer, from: start)
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        if !buffer[start..<end].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
          lines.append(DocumentLine(range: start..<end, number: number))
        }
        start = newline + 1
      }
      return lines
    }
  }

  /// Whether two ranges of `bytes` hold the same bytes.
  private static func sameBytes(_ bytes: [UInt8], _ first: Range<Int>, _ second: Range<Int>)
    -> Bool
  {
    guard first.count == second.count else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return true }
      return memcmp(base + first.lowerBound, base + second.lowerBound, first.count) == 0
    }
  }

  /// The offset of the first `\n` at or after `start`, or the buffer's end.
  private static func nextNewline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < buffer.count, let base = buffer.baseAddress,
      let found = memchr(base + start, 0x0A, buffer.count - start)
    else { return buffer.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }
}
