import Foundation
import GRDB
import MenuVault
import Testing

@Suite("the JSON results are printed as")
struct ResultJSONTests {
  struct Numbers: Encodable {
    var big: Int64 = 9_007_199_254_740_993
    var negative: Int64 = -9_007_199_254_740_993
    var largest: UInt64 = .max
    var fraction = 0.5
    var exponent = 1e21
    var text = "a/\u{1}\"é"
    var empty: [Int] = []
    var nested = ["b": [1, 2], "a": []]
  }

  @Test("integers exactly (2^53+1 too), other numbers and strings as the pretty writer writes them")
  func integersExactly() throws {
    let printed = String(decoding: try ResultJSON.bytes(Numbers()), as: UTF8.self)
    #expect(
      printed == """
        {
          "big": 9007199254740993,
          "empty": [],
          "exponent": 1e+21,
          "fraction": 0.5,
          "largest": 18446744073709551615,
          "negative": -9007199254740993,
          "nested": {
            "a": [],
            "b": [
              1,
              2
            ]
          },
          "text": "a/\\u0001\\"é"
        }

        """)
  }

  @Test("history's JSON names a snapshot id above 2^53 exactly")
  func historyIDAbove2To53() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("vault.sqlite")
    let workflows = Workflows(store: try VaultStore.open(path: path))
    let batch = try ImportBatch.read([
      ("a.json", Array(#"{"button":[{"type":"click","name":"a","key":"k"}]}"#.utf8))
    ])
    _ = try await workflows.record(batch, account: "shop")
    let queue = try DatabaseQueue(path: path)
    try await queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO snapshot
          SELECT 9007199254740993, account_id, taken_at + 1, source, content_id, raw_id, fidelity,
            1, is_menu_open, menu_ids, rollback_of
          FROM snapshot WHERE id = 1
          """)
    }
    let entries = try await workflows.history(account: "shop")
    let printed = String(decoding: try ResultJSON.bytes(entries), as: UTF8.self)
    #expect(printed.contains(#""id": 9007199254740993,"#))
    #expect(entries.first?.id == 9_007_199_254_740_993)
  }
}
