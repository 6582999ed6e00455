import MenuVaultCore
import MenuVaultStore

/// Menu documents read for an import, every one readable, each kept as what its snapshot will
/// hold (not its whole normalized menu), so a large import stays small in memory.
public struct ImportBatch: Sendable {
  /// What a snapshot keeps of one document.
  public struct Content: Sendable {
    /// The exact bytes of the document.
    public var rawBytes: [UInt8]
    /// Its normalized document's canonical bytes.
    public var canonicalBytes: [UInt8]
    /// The worst fidelity of its buttons.
    public var fidelity: Fidelity
    /// The server menu ids it reported.
    public var menuIDs: [String]
    /// `is_menu_open`, when it reported one.
    public var isMenuOpen: Bool?
    /// Where it was read (`file`, or `file:line`).
    public var location: String
    /// Its fidelity notes: every button or member not carried over exactly.
    public var notes: [FidelityNote]

    init(_ document: ImportedDocument) {
      rawBytes = document.rawBytes
      canonicalBytes = document.menu.canonicalBytes
      fidelity = document.menu.fidelity
      menuIDs = document.menu.metadata.allMenuIDs
      isMenuOpen = document.menu.metadata.isMenuOpen
      location = document.location
      notes = document.menu.notes
    }
  }

  /// The documents, in input order.
  public var documents: [Content]

  /// Reads every document of every input (one JSON document, or one per line). Nothing is
  /// returned unless every document is readable: the first bad one throws, naming its input and
  /// line. Both platforms read the same shapes into the same content.
  public static func read(
    _ inputs: [(name: String, bytes: [UInt8])], platform: Platform = .wechat,
    shape: DocumentShape? = nil
  ) throws(ImportError) -> ImportBatch {
    var documents: [Content] = []
    for input in inputs {
      documents += try DocumentBatch.read(
        input.bytes, name: input.name, platform: platform, shape: shape, transform: Content.init)
    }
    return ImportBatch(documents: documents)
  }
}

extension Workflows {
  /// Records `batch` as snapshots of `account`, in one transaction; the account is created on
  /// first use with `platform` (else the account's platform, else WeChat's).
  ///
  /// - Throws: `VaultStoreError`.
  public func record(
    _ batch: ImportBatch, account: String, platform: Platform? = nil,
    source: SnapshotSource = .import, takenAt: Timestamp? = nil
  ) async throws -> [RecordedSnapshot] {
    let time = takenAt ?? clock()
    return try await vault { store in
      let platform = try platform ?? store.account(named: account)?.platform ?? .wechat
      return try store.record(
        batch.documents.map { document in
          NewSnapshot(
            accountName: account, platform: platform, takenAt: time, source: source,
            rawBytes: document.rawBytes, canonicalBytes: document.canonicalBytes,
            fidelity: document.fidelity, menuIDs: document.menuIDs, isMenuOpen: document.isMenuOpen)
        })
    }
  }
}
