import MenuVault
import Testing

@Suite("an operation's step is stored as text and read back as the same step")
struct RecordedStepTests {
  static let steps: [RecordedStep] = [
    .step(.snapshotLive), .step(.deleteConditional(menuID: "208379533")), .step(.deleteMenu),
    .step(.createMenu), .step(.addConditional(number: 2, count: 3)), .step(.recordSent),
    .step(.readBack), .restore(.readLive), .restore(.checkRestorable), .restore(.createMenu),
    .restore(.readBack), .alreadyLive,
  ]

  @Test("every step round-trips through its text", arguments: steps)
  func roundTrip(step: RecordedStep) {
    #expect(RecordedStep(name: step.description) == step)
  }

  @Test("the texts are those operation rows have always held")
  func texts() {
    #expect(
      Self.steps.map(\.description) == [
        "snapshot-live", "delconditional 208379533", "delete", "create", "addconditional 2/3",
        "record-sent", "read-back", "restore: read-live", "restore: check", "restore: create",
        "restore: read-back", "already-live",
      ])
  }

  @Test("a step another version wrote is kept as it is")
  func unrecognized() {
    #expect(RecordedStep(name: "addconditional") == .unrecognized("addconditional"))
    #expect(RecordedStep(name: "addconditional").description == "addconditional")
  }
}
