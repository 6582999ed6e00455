import Foundation
import Testing

@testable import MenuVault
@testable import MenuVaultCore
@testable import MenuVaultStore

/// The library's messages say what is wrong, where, and what to do in words that fit any
/// frontend; they never name a command (`menuvault verify`) or an option (`--shape`): the
/// command line adds those where it maps the errors (our style: the library's words, the frontend's hints).
///
/// Every error enum is listed through a `Case` enum: its `init` switches over the error without
/// a `default`, so a new error case does not compile until it has a `Case`, and `samples`
/// switches over `Case`, so a new `Case` does not compile until it has a sample.
@Suite("library messages name no command and no option")
struct LibraryMessagesTests {
  @Test("every VaultStoreError", arguments: VaultStoreErrorCase.allCases)
  func vaultStoreError(_ kind: VaultStoreErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(VaultStoreErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
    }
  }

  @Test("every NormalizeError, alone and in an ImportError", arguments: NormalizeErrorCase.allCases)
  func normalizeError(_ kind: NormalizeErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(NormalizeErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
      expectNeutral(error.description)
      expectNeutral(ImportError(location: "menus.ndjson:3", reason: error).description)
    }
  }

  @Test(
    "every WorkflowError, a failure with every RestoreOutcome",
    arguments: WorkflowErrorCase.allCases)
  func workflowError(_ kind: WorkflowErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(WorkflowErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
      if case .failed(let failure) = error { expectNeutral(failure.recordedReason) }
    }
  }

  @Test("every PlatformError", arguments: PlatformErrorCase.allCases)
  func platformError(_ kind: PlatformErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(PlatformErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
    }
  }

  @Test("every AccountClientError", arguments: AccountClientErrorCase.allCases)
  func accountClientError(_ kind: AccountClientErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(AccountClientErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
    }
  }

  @Test("every AccountSettingsError", arguments: AccountSettingsErrorCase.allCases)
  func accountSettingsError(_ kind: AccountSettingsErrorCase) {
    #expect(!kind.samples.isEmpty)
    for error in kind.samples {
      #expect(AccountSettingsErrorCase(error) == kind)
      expectNeutral(error.errorDescription)
    }
  }

  @Test("every AccountImportError problem", arguments: AccountImportProblemCase.allCases)
  func accountImportError(_ kind: AccountImportProblemCase) {
    #expect(!kind.samples.isEmpty)
    for problem in kind.samples {
      #expect(AccountImportProblemCase(problem) == kind)
      for (column, field) in [(3, AccountField.appID), (nil, nil)] as [(Int?, AccountField?)] {
        expectNeutral(
          AccountImportError(
            source: "accounts.csv", line: 4, column: column, field: field, problem: problem
          ).errorDescription)
      }
    }
  }

  @Test("every JSONParseError reason", arguments: JSONParseReasonCase.allCases)
  func jsonParseError(_ kind: JSONParseReasonCase) {
    #expect(!kind.samples.isEmpty)
    for reason in kind.samples {
      #expect(JSONParseReasonCase(reason) == kind)
      let error = JSONParseError(offset: 42, reason: reason)
      expectNeutral(error.errorDescription)
      expectNeutral(NormalizeError.invalidJSON(error).description)
    }
  }

  @Test(
    "every VerifyProblem (a failed backup's message lists them)",
    arguments: VerifyProblemCase.allCases)
  func verifyProblem(_ kind: VerifyProblemCase) {
    let problem = kind.sample
    #expect(VerifyProblemCase(problem) == kind)
    expectNeutral(problem.description)
    expectNeutral(
      VaultStoreError.backupVerificationFailed(
        path: "/tmp/b.menuvault", problems: [problem.description]
      )
      .errorDescription)
  }

  /// The texts that depend on the input: what the normalizer and the validator say about every
  /// API sample and hostile document, on both platforms.
  @Test("what normalizing and validating the fixtures says", arguments: try Self.fixturePaths())
  func fixtureMessages(_ path: String) throws {
    let bytes = try TestFixtures.bytes(path)
    for platform in Platform.allCases {
      do {
        let menu = try Normalizer.normalize(bytes, platform: platform)
        for note in menu.notes { expectNeutral(note.line) }
        for set in [menu.readMenuSet, menu.menuSet] {
          let findings = MenuValidator(platform: platform).findings(in: set)
          for finding in findings { expectNeutral(finding.line) }
          if !findings.isEmpty {
            expectNeutral(WorkflowError.notPublishable(findings: findings).errorDescription)
          }
          for inactive in set.inactiveConditionalMenus { expectNeutral(inactive.line) }
        }
      } catch {
        expectNeutral(error.description)
      }
    }
  }

  static func fixturePaths() throws -> [String] {
    try ["api", "hostile"].flatMap { folder in
      try TestFixtures.files(in: folder).filter { $0.hasSuffix(".json") }.map { "\(folder)/\($0)" }
    }
  }
}

/// Records an issue when `message` is missing, names a command of the command line (`menuvault`
/// as a word, followed by a word: a vault file `shop.menuvault` is not a command), or names an
/// option (`--` and a letter).
private func expectNeutral(
  _ message: String?, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let message, !message.isEmpty else {
    Issue.record("no message", sourceLocation: sourceLocation)
    return
  }
  #expect(
    !message.contains(/(^|[\s`'"(])menuvault [a-z]/), "names a command: \(message)",
    sourceLocation: sourceLocation)
  #expect(
    !message.contains(/--[a-z]/), "names an option: \(message)", sourceLocation: sourceLocation)
}

// MARK: - The cases, and representative values of each

private let when = Timestamp(millisecondsSince1970: 1_767_225_600_000)

enum VaultStoreErrorCase: String, CaseIterable {
  case cannotCreate, notAVault, newerSchema, olderSchema, snapshotNotFound, accountNotFound,
    accountExists
  case invalidAccountName, platformMismatch, invalidMenuID, rollbackTargetNotFound
  case operationPending, operationNotFound, operationFinished, restoreLineInvalid
  case restoreHashMismatch, backupDestinationExists, backupVerificationFailed, corruptRow

  init(_ error: VaultStoreError) {
    switch error {
    case .cannotCreate: self = .cannotCreate
    case .notAVault: self = .notAVault
    case .newerSchema: self = .newerSchema
    case .olderSchema: self = .olderSchema
    case .snapshotNotFound: self = .snapshotNotFound
    case .accountNotFound: self = .accountNotFound
    case .accountExists: self = .accountExists
    case .invalidAccountName: self = .invalidAccountName
    case .platformMismatch: self = .platformMismatch
    case .invalidMenuID: self = .invalidMenuID
    case .rollbackTargetNotFound: self = .rollbackTargetNotFound
    case .operationPending: self = .operationPending
    case .operationNotFound: self = .operationNotFound
    case .operationFinished: self = .operationFinished
    case .restoreLineInvalid: self = .restoreLineInvalid
    case .restoreHashMismatch: self = .restoreHashMismatch
    case .backupDestinationExists: self = .backupDestinationExists
    case .backupVerificationFailed: self = .backupVerificationFailed
    case .corruptRow: self = .corruptRow
    }
  }

  var samples: [VaultStoreError] {
    let path = "/home/ops/shop.menuvault"
    switch self {
    case .cannotCreate:
      return [.cannotCreate(path: path, reason: "Permission denied")]
    case .notAVault:
      return [
        .notAVault(path: path, applicationID: 0),
        .notAVault(path: path, applicationID: 1_179_403_647),
      ]
    case .newerSchema:
      return [.newerSchema(path: path, found: "version 3", supported: 2)]
    case .olderSchema:
      return [.olderSchema(path: path, found: 1, supported: 2)]
    case .snapshotNotFound:
      return [.snapshotNotFound(id: 10)]
    case .accountNotFound:
      return [.accountNotFound(name: "nobody")]
    case .accountExists:
      return [.accountExists(name: "shop")]
    case .invalidAccountName:
      return [.invalidAccountName(name: "")]
    case .platformMismatch:
      return [.platformMismatch(account: "shop", recorded: .wechat, given: .weibo)]
    case .invalidMenuID:
      return [.invalidMenuID(account: "shop", menuID: "1,2")]
    case .rollbackTargetNotFound:
      return [.rollbackTargetNotFound(id: 10)]
    case .operationPending:
      return VaultOperation.Kind.allCases.flatMap { kind in
        ["ops@host 4242", nil].map { holder in
          VaultStoreError.operationPending(
            VaultOperation(
              id: 7, account: "shop", kind: kind, status: .pending, startedAt: when,
              holder: holder, step: .step(.createMenu)))
        }
      }
    case .operationNotFound:
      return [.operationNotFound(id: 7)]
    case .operationFinished:
      return VaultOperation.Status.allCases.map { .operationFinished(id: 7, status: $0) }
    case .restoreLineInvalid:
      return [
        .restoreLineInvalid(line: 3, problem: "not valid JSON (byte 0: unexpected end of input)"),
        .restoreLineInvalid(
          line: 3, problem: VaultStoreError.accountNotFound(name: "nobody").errorDescription ?? ""),
      ]
    case .restoreHashMismatch:
      return [
        .restoreHashMismatch(
          line: 3, key: "hash", recorded: String(repeating: "a", count: 64),
          computed: String(repeating: "b", count: 64))
      ]
    case .backupDestinationExists:
      return [.backupDestinationExists(path: path)]
    case .backupVerificationFailed:
      return [
        .backupVerificationFailed(
          path: path, problems: ["blob 3 is stored under aaa but its bytes hash to bbb"])
      ]
    case .corruptRow:
      return [
        .corruptRow(table: "snapshot", id: 10, column: "source"),
        .corruptRow(table: "account", id: 1, column: "platform"),
        .corruptRow(table: "operation", id: 7, column: "status"),
      ]
    }
  }
}

enum NormalizeErrorCase: String, CaseIterable {
  case invalidJSON, wrongType, unknownShape, apiError, shapeMismatch

  init(_ error: NormalizeError) {
    switch error {
    case .invalidJSON: self = .invalidJSON
    case .wrongType: self = .wrongType
    case .unknownShape: self = .unknownShape
    case .apiError: self = .apiError
    case .shapeMismatch: self = .shapeMismatch
    }
  }

  var samples: [NormalizeError] {
    switch self {
    case .invalidJSON:
      return [.invalidJSON(JSONParseError(offset: 13, reason: .duplicateKey("button")))]
    case .wrongType:
      return [.wrongType(path: "button[0].name", expected: "a string", found: "a number")]
    case .unknownShape:
      return [.unknownShape(keys: []), .unknownShape(keys: ["menus", "version"])]
    case .apiError:
      return [.apiError(code: 46003, message: "menu no exist")]
    case .shapeMismatch:
      return DocumentShape.allCases.map { .shapeMismatch(shape: $0, reason: "no \"menu\" object") }
    }
  }
}

enum WorkflowErrorCase: String, CaseIterable {
  case notPublishable, lossyRefused, noDefaultMenu, unreadableLive, liveChangedSincePlan
  case liveChangedSinceConfirmation
  case readBackMismatch, noSnapshot, invalidMediaMap, mediaMapPathUnused
  case failedRestoreNotNeeded, failedRestoreNotAttempted, failedRestored, failedRestoreFailed

  init(_ error: WorkflowError) {
    switch error {
    case .notPublishable: self = .notPublishable
    case .lossyRefused: self = .lossyRefused
    case .noDefaultMenu: self = .noDefaultMenu
    case .unreadableLive: self = .unreadableLive
    case .liveChangedSincePlan: self = .liveChangedSincePlan
    case .liveChangedSinceConfirmation: self = .liveChangedSinceConfirmation
    case .readBackMismatch: self = .readBackMismatch
    case .noSnapshot: self = .noSnapshot
    case .invalidMediaMap: self = .invalidMediaMap
    case .mediaMapPathUnused: self = .mediaMapPathUnused
    case .failed(let failure):
      switch failure.restore {
      case .notNeeded: self = .failedRestoreNotNeeded
      case .notAttempted: self = .failedRestoreNotAttempted
      case .restored: self = .failedRestored
      case .failed: self = .failedRestoreFailed
      }
    }
  }

  var samples: [WorkflowError] {
    let refused = PlatformError.wechat(
      endpoint: "cgi-bin/menu/addconditional", code: 40017, message: "invalid button type")
    let quota = PlatformError.wechat(
      endpoint: "cgi-bin/menu/create", code: 45009, message: "reach max api daily quota limit")
    let inactive = InactiveConditionalMenu(index: 1, fields: ["sex"], rule: "sex=1, tag_id=2")
    func failed(
      _ restore: RestoreOutcome, before: Int64? = 10,
      step: OperationStep = .addConditional(
        number: 1, count: 2), lockStillHeld: Bool = false
    ) -> WorkflowError {
      .failed(
        OperationFailure(
          operationID: 7, step: step, reason: refused.description, platformError: refused,
          beforeSnapshotID: before, restore: restore, lockStillHeld: lockStillHeld))
    }
    switch self {
    case .notPublishable:
      return [
        .notPublishable(findings: [
          ValidationFinding(
            path: "button[0].name", rule: .nameLength, limit: "16 bytes", actual: "17 bytes",
            wechatErrorCode: 40018, message: "the name is too long: shorten it"),
          ValidationFinding(
            path: "conditionalmenu[0].button[1]", rule: .conditionalTypeUnlisted, limit: nil,
            actual: "media_id", wechatErrorCode: nil, message: "may be refused",
            severity: .warning),
        ])
      ]
    case .lossyRefused:
      return [
        .lossyRefused(notes: [
          FidelityNote(
            path: "button[0]", name: "营业时间", sourceType: "text", fidelity: .lossy,
            detail: "text became click mv_text_0")
        ])
      ]
    case .noDefaultMenu:
      return [.noDefaultMenu]
    case .unreadableLive:
      return SnapshotSource.allCases.map { source in
        .unreadableLive(
          source: source, reason: NormalizeError.unknownShape(keys: ["menus"]).description)
      }
    case .liveChangedSincePlan:
      return [.liveChangedSincePlan(plannedSnapshotID: 10, liveSnapshotID: 12)]
    case .liveChangedSinceConfirmation:
      let empty = MenuSet(defaultMenu: Menu(buttons: []))
      let menu = NormalizedMenu(
        shape: .menuGet, readMenuSet: empty, menuSet: empty, notes: [], textReplies: [],
        metadata: MenuMetadata(), canonicalBytes: Array("{}".utf8))
      let snapshot = RecordedSnapshot(
        id: 12, contentHash: menu.contentHash, rawHash: menu.contentHash, isChange: true,
        contentBlobIsNew: false, rawBlobIsNew: false)
      let plan = PublishPlan(
        menuSet: empty, document: .object([]), contentHash: String(repeating: "c", count: 64),
        notes: [], warnings: [], droppedInactive: [],
        pulled: Workflows.PullResult(
          account: "shop",
          documents: [
            Workflows.PulledDocument(
              response: LiveDocument(source: .get, bytes: []), menu: menu, snapshot: snapshot)
          ]),
        diff: MenuDiff(from: empty, to: empty))
      let a = String(repeating: "a", count: 64)
      return [
        .liveChangedSinceConfirmation(
          LiveChange(confirmed: ConfirmedPlan(liveHash: a, menuHash: plan.contentHash), plan: plan)),
        .liveChangedSinceConfirmation(
          LiveChange(
            confirmed: ConfirmedPlan(liveHash: menu.contentHash, menuHash: a), plan: plan)),
      ]
    case .readBackMismatch:
      return [
        .readBackMismatch(
          expected: String(repeating: "a", count: 64), found: String(repeating: "b", count: 64))
      ]
    case .noSnapshot:
      return SnapshotSource.allCases.map { .noSnapshot(account: "shop", source: $0) }
    case .invalidMediaMap:
      return [.invalidMediaMap(reason: "byte 0: unexpected end of input")]
    case .mediaMapPathUnused:
      return [.mediaMapPathUnused(path: "button[2]")]
    case .failedRestoreNotNeeded:
      return [
        failed(.notNeeded, before: nil, step: .snapshotLive),
        failed(.notNeeded, step: .deleteConditional(menuID: "208379533"), lockStillHeld: true),
      ]
    case .failedRestoreNotAttempted:
      return [failed(.notAttempted), failed(.notAttempted, step: .readBack, lockStillHeld: true)]
    case .failedRestored:
      return [
        failed(
          .restored(
            snapshotID: 10, readBackSnapshotID: 13, steps: [.deleteMenu, .createMenu],
            dropped: [inactive])),
        failed(
          .restored(snapshotID: 10, readBackSnapshotID: 10, steps: [], dropped: []),
          step: .createMenu),
      ]
    case .failedRestoreFailed:
      return [
        failed(
          .failed(
            snapshotID: 10, step: .checkRestorable,
            reason: "button[0]: unpublishable: temporary media", platformError: nil)),
        failed(
          .failed(
            snapshotID: 10, step: .createMenu, reason: quota.description, platformError: quota),
          step: .recordSent, lockStillHeld: true),
        failed(
          .failed(snapshotID: 10, step: .readLive, reason: "timed out", platformError: nil),
          step: .deleteMenu),
      ]
    }
  }
}

enum PlatformErrorCase: String, CaseIterable {
  case wechat, weibo, httpStatus, timedOut, connectionLost, unreachable, httpLibraryMissing
  case truncatedResponse, invalidResponse, tokenCommandFailed, unsupportedTokenSource
  case credentialRefused

  init(_ error: PlatformError) {
    switch error {
    case .wechat: self = .wechat
    case .weibo: self = .weibo
    case .httpStatus: self = .httpStatus
    case .timedOut: self = .timedOut
    case .connectionLost: self = .connectionLost
    case .unreachable: self = .unreachable
    case .httpLibraryMissing: self = .httpLibraryMissing
    case .truncatedResponse: self = .truncatedResponse
    case .invalidResponse: self = .invalidResponse
    case .tokenCommandFailed: self = .tokenCommandFailed
    case .unsupportedTokenSource: self = .unsupportedTokenSource
    case .credentialRefused: self = .credentialRefused
    }
  }

  /// WeChat codes MenuVault explains, and one it does not know.
  static let wechatCodes = [
    -1, 40001, 40013, 40014, 40017, 40018, 40125, 40164, 42001, 45009, 46003, 65303, 65316,
    65320, 99_999,
  ]
  /// Weibo codes MenuVault explains, and one it does not know.
  static let weiboCodes = [10001, 10009, 10016, 10017, 10022, 21314, 21327, 99_999]

  var samples: [PlatformError] {
    let endpoint = "cgi-bin/menu/get"
    switch self {
    case .wechat:
      return Self.wechatCodes.map { .wechat(endpoint: endpoint, code: $0, message: "errmsg") }
    case .weibo:
      return Self.weiboCodes.map {
        .weibo(endpoint: "2/messages/menu/show.json", code: $0, message: "error")
      }
    case .httpStatus:
      return [
        .httpStatus(endpoint: endpoint, status: 404), .httpStatus(endpoint: endpoint, status: 502),
      ]
    case .timedOut:
      return [.timedOut(endpoint: endpoint, seconds: 2.5)]
    case .connectionLost:
      return [.connectionLost(endpoint: endpoint, reason: "connection reset by peer")]
    case .unreachable:
      return [.unreachable(endpoint: endpoint, reason: "connection refused")]
    case .httpLibraryMissing:
      return [.httpLibraryMissing(reason: "libcurl.so.4: cannot open shared object file")]
    case .truncatedResponse:
      return [.truncatedResponse(endpoint: endpoint, byteCount: 17, reason: "unexpected end")]
    case .invalidResponse:
      return [.invalidResponse(endpoint: endpoint, byteCount: 9, reason: "no \"menu\" object")]
    case .tokenCommandFailed:
      return [.tokenCommandFailed(command: "pass show wechat/shop", reason: "exited with status 1")]
    case .unsupportedTokenSource:
      return [
        .unsupportedTokenSource(platform: .weibo, reason: "Weibo has no app-secret exchange")
      ]
    case .credentialRefused:
      return Self.wechatCodes.map {
        PlatformError.credentialRefused(
          platform: .wechat, endpoint: endpoint, code: $0, message: "invalid credential",
          credential: "the access token from environment variable MENUVAULT_ACCESS_TOKEN")
      }
        + Self.weiboCodes.map {
          .credentialRefused(
            platform: .weibo, endpoint: "2/messages/menu/show.json", code: $0,
            message: "expired_token", credential: "the access token given")
        }
    }
  }
}

enum JSONParseReasonCase: String, CaseIterable {
  case emptyInput, unexpectedByte, unexpectedEnd, duplicateKey, loneSurrogate, invalidUTF8
  case controlCharacterInString, invalidNumber, numberOutOfRange, invalidEscape, trailingContent
  case tooDeep

  init(_ reason: JSONParseError.Reason) {
    switch reason {
    case .emptyInput: self = .emptyInput
    case .unexpectedByte: self = .unexpectedByte
    case .unexpectedEnd: self = .unexpectedEnd
    case .duplicateKey: self = .duplicateKey
    case .loneSurrogate: self = .loneSurrogate
    case .invalidUTF8: self = .invalidUTF8
    case .controlCharacterInString: self = .controlCharacterInString
    case .invalidNumber: self = .invalidNumber
    case .numberOutOfRange: self = .numberOutOfRange
    case .invalidEscape: self = .invalidEscape
    case .trailingContent: self = .trailingContent
    case .tooDeep: self = .tooDeep
    }
  }

  var samples: [JSONParseError.Reason] {
    switch self {
    case .emptyInput: return [.emptyInput]
    case .unexpectedByte: return [.unexpectedByte(UInt8(ascii: "'")), .unexpectedByte(0x00)]
    case .unexpectedEnd: return [.unexpectedEnd]
    case .duplicateKey: return [.duplicateKey("button"), .duplicateKey("a\"b\nc")]
    case .loneSurrogate: return [.loneSurrogate]
    case .invalidUTF8: return [.invalidUTF8]
    case .controlCharacterInString: return [.controlCharacterInString]
    case .invalidNumber: return [.invalidNumber]
    case .numberOutOfRange: return [.numberOutOfRange]
    case .invalidEscape: return [.invalidEscape]
    case .trailingContent: return [.trailingContent]
    case .tooDeep: return [.tooDeep(limit: 256)]
    }
  }
}

enum VerifyProblemCase: String, CaseIterable {
  case integrity, foreignKey, blobHashMismatch, missingBlob, duplicateBlob

  init(_ problem: VerifyProblem) {
    switch problem {
    case .integrity: self = .integrity
    case .foreignKey: self = .foreignKey
    case .blobHashMismatch: self = .blobHashMismatch
    case .missingBlob: self = .missingBlob
    case .duplicateBlob: self = .duplicateBlob
    }
  }

  var sample: VerifyProblem {
    switch self {
    case .integrity: return .integrity("row 3 missing from index snapshot_by_account")
    case .foreignKey: return .foreignKey(table: "snapshot", rowID: 10, parent: "account")
    case .blobHashMismatch: return .blobHashMismatch(blobID: 3, stored: "aaa", computed: "bbb")
    case .missingBlob: return .missingBlob(snapshotID: 10, column: "content", blobID: 3)
    case .duplicateBlob: return .duplicateBlob(hash: "aaa", blobIDs: [3, 4])
    }
  }
}

enum AccountClientErrorCase: String, CaseIterable {
  case noCredentials, invalidBaseURL

  init(_ error: AccountClientError) {
    switch error {
    case .noCredentials: self = .noCredentials
    case .invalidBaseURL: self = .invalidBaseURL
    }
  }

  var samples: [AccountClientError] {
    switch self {
    case .noCredentials:
      return Platform.allCases.map {
        .noCredentials(
          account: "shop", platform: $0, tokenVariable: "MENUVAULT_ACCESS_TOKEN",
          secretVariable: "MENUVAULT_APPSECRET")
      }
    case .invalidBaseURL:
      return [.invalidBaseURL(account: "shop", text: "ftp://example.com")]
    }
  }
}

enum AccountSettingsErrorCase: String, CaseIterable {
  case noAppID, invalidBaseURL, invalidVariableName, emptyTokenCommand

  init(_ error: AccountSettingsError) {
    switch error {
    case .noAppID: self = .noAppID
    case .invalidBaseURL: self = .invalidBaseURL
    case .invalidVariableName: self = .invalidVariableName
    case .emptyTokenCommand: self = .emptyTokenCommand
    }
  }

  var samples: [AccountSettingsError] {
    switch self {
    case .noAppID: return [.noAppID(account: "shop")]
    case .invalidBaseURL: return [.invalidBaseURL(account: "shop", text: "ftp://example.com")]
    case .invalidVariableName:
      return [.secretEnvironmentVariable, .tokenEnvironmentVariable].map {
        .invalidVariableName(account: "shop", field: $0, name: "SHOP SECRET")
      }
    case .emptyTokenCommand: return [.emptyTokenCommand(account: "shop")]
    }
  }
}

enum AccountImportProblemCase: String, CaseIterable {
  case unterminatedQuote, quoteInUnquotedField, textAfterClosingQuote, invalidUTF8, noHeader
  case unknownColumn, duplicateColumn, missingColumn, fieldCount, empty, unknownPlatform
  case settings, duplicateName, differs, platformMismatch

  init(_ problem: AccountImportError.Problem) {
    switch problem {
    case .unterminatedQuote: self = .unterminatedQuote
    case .quoteInUnquotedField: self = .quoteInUnquotedField
    case .textAfterClosingQuote: self = .textAfterClosingQuote
    case .invalidUTF8: self = .invalidUTF8
    case .noHeader: self = .noHeader
    case .unknownColumn: self = .unknownColumn
    case .duplicateColumn: self = .duplicateColumn
    case .missingColumn: self = .missingColumn
    case .fieldCount: self = .fieldCount
    case .empty: self = .empty
    case .unknownPlatform: self = .unknownPlatform
    case .settings: self = .settings
    case .duplicateName: self = .duplicateName
    case .differs: self = .differs
    case .platformMismatch: self = .platformMismatch
    }
  }

  var samples: [AccountImportError.Problem] {
    switch self {
    case .unterminatedQuote: return [.unterminatedQuote]
    case .quoteInUnquotedField: return [.quoteInUnquotedField]
    case .textAfterClosingQuote: return [.textAfterClosingQuote]
    case .invalidUTF8: return [.invalidUTF8]
    case .noHeader: return [.noHeader]
    case .unknownColumn: return [.unknownColumn("region")]
    case .duplicateColumn: return AccountField.allCases.map { .duplicateColumn($0) }
    case .missingColumn: return AccountField.required.map { .missingColumn($0) }
    case .fieldCount: return [.fieldCount(found: 2, expected: 3)]
    case .empty: return AccountField.required.map { .empty($0) }
    case .unknownPlatform: return [.unknownPlatform("wexin")]
    case .settings:
      return AccountSettingsErrorCase.allCases.flatMap(\.samples).map { .settings($0) }
    case .duplicateName: return [.duplicateName("shop", firstLine: 2)]
    case .differs:
      return AccountField.allCases.map {
        .differs(account: "shop", field: $0, stored: "a", given: nil)
      }
    case .platformMismatch:
      return [.platformMismatch(account: "shop", recorded: .wechat, given: .weibo)]
    }
  }
}
