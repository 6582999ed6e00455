import MenuVaultStore

extension VaultOperation.Kind {
  /// The verb a question uses: `publish`, `roll back`, `delete`.
  public var verb: String {
    switch self {
    case .publish: "publish"
    case .rollback: "roll back"
    case .delete: "delete"
    }
  }

  /// The past tense an outcome uses: `published`, `rolled back`, `deleted`.
  public var pastTense: String {
    switch self {
    case .publish: "published"
    case .rollback: "rolled back"
    case .delete: "deleted"
    }
  }
}

extension PublishPlan {
  /// Whether the plan publishes a document or rolls back to a snapshot.
  public var kind: VaultOperation.Kind { rollbackOf == nil ? .publish : .rollback }
}

extension PublishResult {
  /// How the publish or rollback ended, in one line of the library's words (the one place a
  /// result is put into words; a frontend adds its own hint):
  /// `rolled back: operation 4 deployed; sent snapshot #9 8f3a…; read back as #10, hashes match`,
  /// `already live: 8f3a… is what shop shows; nothing to publish (recorded as operation 5)`.
  public var summary: String {
    switch self {
    case .published(let outcome):
      let kind = outcome.plan.kind
      let operation = outcome.operation.map { "operation \($0.id) deployed" } ?? "done"
      let sent = outcome.sent.map { "; sent snapshot #\($0.id) \($0.contentHash)" } ?? ""
      let readBack =
        outcome.readBack.map { "; read back as #\($0.live.snapshot.id), hashes match" } ?? ""
      return "\(kind.pastTense): \(operation)\(sent)\(readBack)"
    case .alreadyLive(let plan, let operation):
      let recorded = operation.map { " (recorded as operation \($0.id))" } ?? ""
      return "already live: \(plan.contentHash.prefix(12)) is what \(plan.pulled.account) shows; "
        + "nothing to \(plan.kind.verb)\(recorded)"
    case .dryRun(let plan):
      return "dry run: nothing was \(plan.kind.pastTense)"
    case .declined(let plan):
      return "nothing was sent: the \(plan.diff.changes.count) change(s) were not confirmed"
    }
  }
}
