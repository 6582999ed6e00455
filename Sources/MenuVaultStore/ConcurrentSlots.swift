import Synchronization

/// Slots that concurrent workers fill, one each, taken once they have all finished. Recording
/// hashes with it; the workflows read an import with it.
package final class ConcurrentSlots<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  package init(count: Int) {
    slots = Mutex(Array(repeating: nil, count: count))
  }

  package func store(_ value: Value, at index: Int) {
    slots.withLock { $0[index] = value }
  }

  /// Every filled slot's value, in slot order; the slots are emptied, so the values are not
  /// held twice.
  package func take() -> [Value] {
    slots.withLock { slots in
      let values = slots.compactMap { $0 }
      slots = []
      return values
    }
  }
}
