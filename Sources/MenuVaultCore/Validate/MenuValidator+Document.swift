extension MenuValidator {
  /// Every finding for a document as read: the platform's rules over the menu as written (a
  /// parent's type still counts), then one warning per lossy conversion, so that a document
  /// without refusals is one a publish accepts, and a warning names what it accepts only when
  /// lossy publishing is allowed.
  public func findings(in document: NormalizedMenu) -> [ValidationFinding] {
    findings(in: document.readMenuSet)
      + document.notes.filter { $0.fidelity == .lossy }.map { note in
        ValidationFinding(
          path: note.path, rule: .lossyConversion, limit: nil, actual: nil, wechatErrorCode: nil,
          message: note.detail + ": published only when lossy publishing is allowed",
          severity: .warning)
      }
  }
}
