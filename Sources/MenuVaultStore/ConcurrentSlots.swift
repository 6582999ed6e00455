import Foundation

/// Slots that concurrent workers fill, one each, taken once they have all finished. Recording
/// hashes with it; the workflows read an import with it.
package final class ConcurrentSlots<Value: Sendable>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  package init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  package func store(_ value: Value, at index: Int) {
    lock.withLock { slots[index] = value }
  }

  /// Every filled slot's value, in slot order; the slots are emptied, so the values are not
  /// held twice.
  package func take() -> [Value] {
    lock.withLock {
      defer { slots = [] }
      return slots.compactMap { $0 }
    }
  }
}
