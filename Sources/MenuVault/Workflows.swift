import Foundation
import MenuVaultCore
import MenuVaultPlatform
import MenuVaultStore

/// The jobs users came for, over a vault and a platform's menu API: pull, publish, rollback,
/// status and delete. Every created or fetched menu becomes a snapshot; publish, rollback and
/// delete are operations recorded pending before they touch the platform (the account's lock)
/// and finished deployed or failed after (Helm's revisions).
public struct Workflows: Sendable {
  /// The vault written to.
  public var store: VaultStore
  /// The clock snapshots are stamped with.
  public var clock: @Sendable () -> Timestamp

  /// Creates the workflows over a vault.
  public init(store: VaultStore, clock: @escaping @Sendable () -> Timestamp = { .now() }) {
    self.store = store
    self.clock = clock
  }

  /// One live document, snapshotted.
  public struct PulledDocument: Sendable {
    /// The response as received.
    public var response: LiveDocument
    /// Its normalized menu (an empty set for "no menu").
    public var menu: NormalizedMenu
    /// The snapshot it became.
    public var snapshot: RecordedSnapshot
  }

  /// What a pull saw.
  public struct PullResult: Sendable {
    /// The account pulled.
    public var account: String
    /// Every document fetched, in order (WeChat: get, selfmenu).
    public var documents: [PulledDocument]

    /// The document that says what users see, by the rule of `LiveRead`: `menu/get` unless it holds no
    /// menu (a menu set on the website), then `get_current_selfmenu_info`; Weibo's show.
    public var live: PulledDocument {
      LiveRead.choose(documents, source: \.response.source, contentHash: \.menu.contentHash)
        ?? documents[0]
    }
  }

  /// Fetches the live menu, snapshots every response with its raw bytes, and notes the pull in
  /// the account's state (a failed one too: see ``notePullFailure(account:error:)``).
  public func pull(account: Account, api: any MenuAPI) async throws -> PullResult {
    do {
      return try await readLive(account: account, api: api)
    } catch {
      await notePullFailure(account: account, error: error)
      throw error
    }
  }

  /// Notes in the account's state that a pull failed now with `error` (its first line, with
  /// any `access_token=` or `secret=` value scrubbed): one more consecutive failure. For a
  /// pull that failed before ``pull(account:api:)`` could run (no credentials, say). Never
  /// throws: a vault that cannot take the note is no reason to hide the pull's own error.
  public func notePullFailure(account: Account, error: any Error) async {
    let message = Self.oneLine(error)
    let time = clock()
    _ = try? await vault {
      try $0.recordPullFailure(account: account.name, message: message, at: time)
    }
  }

  /// An error's message on one line, with secret-bearing URL parameters scrubbed.
  package static func oneLine(_ error: any Error) -> String {
    let text = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    return Redactor.scrubParameters(line)
  }

  /// Fetches the live menu and snapshots every response: a pull, or an operation's read of
  /// what is live (whose failure is the operation's, not a failed pull).
  func readLive(account: Account, api: any MenuAPI) async throws -> PullResult {
    let fetched = try await fetchLive(account: account, api: api)
    return try await vault { try fetched.record(in: $0) }
  }

  /// What a pull fetched and read, ready to record.
  struct FetchedPull: Sendable {
    var account: String
    var documents: [(LiveDocument, NormalizedMenu)]
    var snapshots: [NewSnapshot]

    /// Records the snapshots (in one transaction when alone, or inside the caller's when
    /// written with others by ``record(_:in:)``).
    func record(in store: VaultStore) throws -> PullResult {
      result(try store.record(snapshots))
    }

    /// The pull's result, given its snapshots as recorded.
    func result(_ recorded: [RecordedSnapshot]) -> PullResult {
      PullResult(
        account: account,
        documents: zip(documents, recorded).map {
          PulledDocument(response: $0.0.0, menu: $0.0.1, snapshot: $0.1)
        })
    }

    /// Records the snapshots of every pull of `pulls` in one transaction: all of them or none.
    static func record(_ pulls: [FetchedPull], in store: VaultStore) throws -> [PullResult] {
      var recorded = try store.record(pulls.flatMap(\.snapshots))[...]
      return pulls.map { pull in
        defer { recorded = recorded.dropFirst(pull.snapshots.count) }
        return pull.result(Array(recorded.prefix(pull.snapshots.count)))
      }
    }
  }

  /// Fetches the live menu and reads every response, stamped with this moment; records nothing.
  func fetchLive(account: Account, api: any MenuAPI) async throws -> FetchedPull {
    let fetched = try await api.fetchLive()
    var prepared: [(LiveDocument, NormalizedMenu)] = []
    for live in fetched {
      prepared.append((live, try Self.normalizeLive(live, platform: account.platform)))
    }
    let time = clock()
    let snapshots = prepared.map { live, menu in
      NewSnapshot(
        accountName: account.name, platform: account.platform, takenAt: time, source: live.source,
        rawBytes: live.bytes, canonicalBytes: menu.canonicalBytes, fidelity: menu.fidelity,
        menuIDs: menu.metadata.allMenuIDs, isMenuOpen: menu.metadata.isMenuOpen)
    }
    return FetchedPull(account: account.name, documents: prepared, snapshots: snapshots)
  }

  /// Reads a live response: "no menu" is the empty set, anything else must be a menu.
  static func normalizeLive(_ live: LiveDocument, platform: Platform) throws -> NormalizedMenu {
    if let menu = live.menu { return menu }
    do {
      if live.isNoMenu {
        return try Normalizer.noMenu(platform: platform)
      }
      return try Normalizer.normalize(
        live.bytes, platform: platform, shape: live.source.documentShape ?? .menuGet)
    } catch {
      throw WorkflowError.unreadableLive(source: live.source, reason: error.description)
    }
  }
}
