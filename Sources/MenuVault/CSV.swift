/// One field of a CSV record, with where it starts.
package struct CSVField: Sendable, Equatable {
  /// The field's text: a quoted field as it is between its quotes (`""` read as `"`), an
  /// unquoted one without the spaces and tabs around it.
  package var text: String
  /// The line it starts on, from 1.
  package var line: Int
  /// Its place in the record, from 1.
  package var column: Int
}

/// One record (a row) of a CSV file.
package struct CSVRecord: Sendable, Equatable {
  /// The line it starts on, from 1.
  package var line: Int
  /// Its fields, in order.
  package var fields: [CSVField]
}

/// Why a CSV file cannot be read, and where.
package struct CSVError: Error, Equatable {
  /// What is wrong.
  package enum Problem: Sendable, Equatable {
    /// A quoted field has no closing quote.
    case unterminatedQuote
    /// A quote inside a field that does not start with one.
    case quoteInUnquotedField
    /// Something other than a comma or the end of the line after a field's closing quote.
    case textAfterClosingQuote
    /// Bytes that are not UTF-8.
    case invalidUTF8
  }

  /// The line, from 1.
  package var line: Int
  /// The field's place in its record, from 1.
  package var column: Int
  /// What is wrong.
  package var problem: Problem
}

/// Reads CSV as RFC 4180 writes it: records end with CRLF or LF (the last one may end without),
/// fields are separated by commas, a field in double quotes may hold commas, line breaks and
/// quotes (written `""`). Two leniencies for files typed by hand: an unquoted field loses the
/// spaces and tabs around it, and empty lines are skipped. A UTF-8 byte order mark at the start
/// is skipped too (spreadsheets write one).
package enum CSV {
  private static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let lineFeed = UInt8(ascii: "\n")

  /// Every record of `bytes`, in order.
  ///
  /// - Throws: ``CSVError`` at the first field that breaks the format.
  package static func records(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
    var reader = Reader(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
    var records: [CSVRecord] = []
    while !reader.atEnd {
      if reader.skipLineEnd() { continue }
      records.append(try reader.record())
    }
    return records
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    var atEnd: Bool { index >= bytes.count }

    /// Whether a line ends at `index` (LF, CRLF, or a CR that ends the input).
    var atLineEnd: Bool {
      guard index < bytes.count else { return false }
      if bytes[index] == lineFeed { return true }
      return bytes[index] == carriageReturn
        && (index + 1 == bytes.count || bytes[index + 1] == lineFeed)
    }

    /// Steps over a line end at `index`; whether there was one.
    mutating func skipLineEnd() -> Bool {
      guard atLineEnd else { return false }
      if bytes[index] == carriageReturn { index += 1 }
      if index < bytes.count, bytes[index] == lineFeed {
        index += 1
        line += 1
      }
      return true
    }

    /// The record that starts at `index`, and the line end after it.
    mutating func record() throws(CSVError) -> CSVRecord {
      let start = line
      var fields: [CSVField] = []
      while true {
        fields.append(try field(column: fields.count + 1))
        if index < bytes.count, bytes[index] == comma {
          index += 1
          continue
        }
        _ = skipLineEnd()
        return CSVRecord(line: start, fields: fields)
      }
    }

    /// The field that starts at `index`, up to the comma or line end after it.
    mutating func field(column: Int) throws(CSVError) -> CSVField {
      let start = line
      var value: [UInt8] = []
      if index < bytes.count, bytes[index] == quote {
        index += 1
        while true {
          guard index < bytes.count else {
            throw CSVError(line: start, column: column, problem: .unterminatedQuote)
          }
          let byte = bytes[index]
          index += 1
          if byte == quote {
            guard index < bytes.count, bytes[index] == quote else { break }
            index += 1
          } else if byte == lineFeed {
            line += 1
          }
          value.append(byte)
        }
        guard atEnd || atLineEnd || bytes[index] == comma else {
          throw CSVError(line: line, column: column, problem: .textAfterClosingQuote)
        }
      } else {
        while index < bytes.count, bytes[index] != comma, !atLineEnd {
          guard bytes[index] != quote else {
            throw CSVError(line: line, column: column, problem: .quoteInUnquotedField)
          }
          value.append(bytes[index])
          index += 1
        }
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
      }
      guard let text = String(validating: value, as: UTF8.self) else {
        throw CSVError(line: start, column: column, problem: .invalidUTF8)
      }
      return CSVField(text: text, line: start, column: column)
    }
  }
}
