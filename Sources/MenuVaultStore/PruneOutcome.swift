/// How much a prune removes: snapshots, blobs, and the bytes they took.
package struct PrunedRows: Sendable, Equatable {
  /// How many snapshots: unchanged re-fetches.
  package var snapshots = 0
  /// How many blobs: stored contents that no snapshot refers to any more.
  package var blobs = 0
  /// The bytes those rows took in the vault file: each row's record and index entries as
  /// SQLite lays them out (``RecordSize``), a blob's content included.
  package var bytes: Int64 = 0

  package init(snapshots: Int = 0, blobs: Int = 0, bytes: Int64 = 0) {
    self.snapshots = snapshots
    self.blobs = blobs
    self.bytes = bytes
  }

  /// Whether nothing is removed.
  package var isEmpty: Bool { snapshots == 0 && blobs == 0 }
}

/// What a prune removed, or in a dry run would remove.
package struct PruneOutcome: Sendable, Equatable {
  /// By account name: the accounts that had something removed. A blob counts for the first
  /// account, by name, whose removed snapshots referred to it.
  package var byAccount: [String: PrunedRows]
  /// Everything: the accounts' rows, plus any blob no snapshot referred to even before.
  package var total: PrunedRows
}
