import Foundation
import MenuVaultCore
import MenuVaultStore

/// Accounts read from a CSV file, every row checked: the file's first record names the columns,
/// each after an ``AccountField`` (`name,platform,appid,api-base,secret-env,token-env,
/// token-command,label`, in any order; name, platform and appid are required), and each record
/// after it is one account. An empty field is a setting not given. Quoting is RFC 4180's: a
/// field in double quotes may hold commas, line breaks and quotes (written `""`).
///
/// ```
/// name,platform,appid,secret-env,label
/// shop,wechat,wx1234567890abcdef,SHOP_SECRET,"Shop, Shanghai"
/// fans,weibo,1838358847,,Fans
/// ```
public struct AccountImport: Sendable {
  /// One account of the file.
  public struct Row: Sendable, Equatable {
    /// The line its record starts on.
    public var line: Int
    /// The account's name.
    public var name: String
    /// Its settings, checked (``MenuVaultStore/AccountSettings/check(account:)``).
    public var settings: AccountSettings
  }

  /// The file's name, for messages.
  public var source: String
  /// The accounts, in file order; no two share a name.
  public var rows: [Row]
  /// The column of each field the header names, from 1.
  var columns: [AccountField: Int]

  /// Reads and checks every row of `bytes`; nothing is returned unless every row is good.
  ///
  /// - Parameters:
  ///   - bytes: The CSV file's bytes (RFC 4180; a header row naming the fields).
  ///   - source: The file's name, for messages.
  /// - Throws: ``AccountImportError`` naming the line and the column of the first problem.
  public static func read(_ bytes: [UInt8], source: String) throws(AccountImportError)
    -> AccountImport
  {
    let records: [CSVRecord]
    do {
      records = try CSV.records(bytes)
    } catch {
      throw AccountImportError(
        source: source, line: error.line, column: error.column, problem: .init(error.problem))
    }
    guard let header = records.first else {
      throw AccountImportError(source: source, line: 1, column: nil, problem: .noHeader)
    }
    var columns: [AccountField: Int] = [:]
    for field in header.fields {
      guard let named = AccountField(rawValue: field.text) else {
        throw AccountImportError(
          source: source, line: field.line, column: field.column,
          problem: .unknownColumn(field.text))
      }
      guard columns[named] == nil else {
        throw AccountImportError(
          source: source, line: field.line, column: field.column,
          problem: .duplicateColumn(named))
      }
      columns[named] = field.column
    }
    for field in AccountField.required where columns[field] == nil {
      throw AccountImportError(
        source: source, line: header.line, column: nil, problem: .missingColumn(field))
    }
    var batch = AccountImport(source: source, rows: [], columns: columns)
    batch.rows.reserveCapacity(records.count - 1)
    var lines: [String: Int] = [:]
    for record in records.dropFirst() {
      let row = try batch.row(record, columnCount: header.fields.count)
      if let first = lines.updateValue(row.line, forKey: row.name) {
        throw batch.error(row.line, .name, .duplicateName(row.name, firstLine: first))
      }
      batch.rows.append(row)
    }
    return batch
  }

  /// The account `record` holds, checked.
  private func row(_ record: CSVRecord, columnCount: Int) throws(AccountImportError) -> Row {
    guard record.fields.count == columnCount else {
      // The first field missing, or the first one too many.
      let column = min(record.fields.count, columnCount) + 1
      throw AccountImportError(
        source: source, line: record.line, column: column,
        field: columns.first { $0.value == column }?.key,
        problem: .fieldCount(found: record.fields.count, expected: columnCount))
    }
    func value(_ field: AccountField) -> String? {
      guard let column = columns[field] else { return nil }
      let text = record.fields[column - 1].text
      return text.isEmpty ? nil : text
    }
    guard let name = value(.name) else { throw error(record.line, .name, .empty(.name)) }
    guard let platformName = value(.platform) else {
      throw error(record.line, .platform, .empty(.platform))
    }
    guard let platform = Platform(rawValue: platformName) else {
      throw error(record.line, .platform, .unknownPlatform(platformName))
    }
    let settings = AccountSettings(
      platform: platform, appID: value(.appID), label: value(.label),
      apiBaseURL: value(.apiBase), secretEnvironmentVariable: value(.secretEnvironmentVariable),
      tokenEnvironmentVariable: value(.tokenEnvironmentVariable),
      tokenCommand: value(.tokenCommand))
    do {
      try settings.check(account: name)
    } catch {
      throw self.error(record.line, error.field, .settings(error))
    }
    return Row(line: record.line, name: name, settings: settings)
  }

  /// The error for `field` of the record on `line`.
  func error(_ line: Int, _ field: AccountField, _ problem: AccountImportError.Problem)
    -> AccountImportError
  {
    AccountImportError(
      source: source, line: line, column: columns[field], field: field, problem: problem)
  }
}

/// Why a CSV of accounts was refused, named by file, line and column. Nothing was added.
public struct AccountImportError: Error, Equatable, LocalizedError {
  /// What is wrong.
  public enum Problem: Sendable, Equatable {
    /// A quoted field has no closing quote.
    case unterminatedQuote
    /// A quote inside a field that does not start with one.
    case quoteInUnquotedField
    /// Something other than a comma or the end of the line after a closing quote.
    case textAfterClosingQuote
    /// Bytes that are not UTF-8.
    case invalidUTF8
    /// The file holds nothing, not even a header.
    case noHeader
    /// The header names a column that is no account setting.
    case unknownColumn(String)
    /// The header names a column twice.
    case duplicateColumn(AccountField)
    /// The header lacks a required column.
    case missingColumn(AccountField)
    /// A record has another number of fields than the header.
    case fieldCount(found: Int, expected: Int)
    /// A required field is empty.
    case empty(AccountField)
    /// The platform is not `wechat` or `weibo`.
    case unknownPlatform(String)
    /// A setting fails the checks every account's settings pass.
    case settings(AccountSettingsError)
    /// Two rows name the same account.
    case duplicateName(String, firstLine: Int)
    /// The vault has the account with another value of `field`, and updating was not asked for.
    case differs(account: String, field: AccountField, stored: String?, given: String?)
    /// The vault has the account on the other platform; an account's platform never changes.
    case platformMismatch(account: String, recorded: Platform, given: Platform)

    init(_ problem: CSVError.Problem) {
      switch problem {
      case .unterminatedQuote: self = .unterminatedQuote
      case .quoteInUnquotedField: self = .quoteInUnquotedField
      case .textAfterClosingQuote: self = .textAfterClosingQuote
      case .invalidUTF8: self = .invalidUTF8
      }
    }
  }

  /// The file's name.
  public var source: String
  /// The line, from 1.
  public var line: Int
  /// The column (the field's place in its record), from 1; `nil` when the problem is the whole
  /// record's or a column the header lacks.
  public var column: Int?
  /// The setting the column holds, when known.
  public var field: AccountField?
  /// What is wrong.
  public var problem: Problem

  /// Creates an error.
  public init(
    source: String, line: Int, column: Int?, field: AccountField? = nil, problem: Problem
  ) {
    self.source = source
    self.line = line
    self.column = column
    self.field = field
    self.problem = problem
  }

  /// `accounts.csv line 4, column 3 (appid): ...; nothing was added`.
  public var errorDescription: String? {
    var location = "\(source) line \(line)"
    if let column { location += ", column \(column)" }
    if let field { location += " (\(field.rawValue))" }
    return "\(location): \(reason); nothing was added"
  }

  /// What is wrong, in words.
  var reason: String {
    switch problem {
    case .unterminatedQuote:
      return "a quoted field has no closing quote"
    case .quoteInUnquotedField:
      return "a quote inside a field: quote the whole field (\"...\"), with nothing before the "
        + "opening quote, and double each quote inside it"
    case .textAfterClosingQuote:
      return "text after a closing quote: a quote inside a quoted field is written twice (\"\")"
    case .invalidUTF8:
      return "the bytes are not UTF-8: save the file as UTF-8"
    case .noHeader:
      return "the file is empty: its first line names the columns ("
        + AccountField.allCases.map(\.rawValue).joined(separator: ",") + ")"
    case .unknownColumn(let name):
      return "unknown column '\(name)': the columns are "
        + AccountField.allCases.map(\.rawValue).joined(separator: ", ")
    case .duplicateColumn(let field):
      return "the column \(field.rawValue) is named twice"
    case .missingColumn(let field):
      return "the header has no \(field.rawValue) column: every account needs "
        + AccountField.required.map(\.rawValue).joined(separator: ", ")
    case .fieldCount(let found, let expected):
      return "\(found) field(s) where the header names \(expected): a field that holds a comma "
        + "must be quoted"
    case .empty(let field):
      return "the \(field.rawValue) is empty: every account needs one"
    case .unknownPlatform(let name):
      return "unknown platform '\(name)': wechat or weibo"
    case .settings(let error):
      return error.errorDescription ?? "\(error)"
    case .duplicateName(let name, let first):
      return "account \(name) is on line \(first) too"
    case .differs(let account, let field, let stored, let given):
      // A token command is never shown: it may carry a secret of its own.
      let values =
        field == .tokenCommand
        ? "another token command"
        : "\(field.rawValue) \(Self.shown(stored)), not \(Self.shown(given))"
      return "account \(account) is in the vault with \(values), and updating existing accounts "
        + "was not asked for"
    case .platformMismatch(let account, let recorded, let given):
      return "account \(account) is a \(recorded.rawValue) account in the vault, not "
        + "\(given.rawValue): an account's platform never changes"
    }
  }

  /// `'value'`, or `(none)`.
  private static func shown(_ value: String?) -> String {
    value.map { "'\($0)'" } ?? "(none)"
  }
}
