import Synchronization

/// Fragments already drawn, by the value they were drawn from: a template's output depends on
/// its model alone, so a fragment that repeats from page to page (a timeline row) is drawn once
/// and then looked up.
///
/// Why: swift-mustache spends a microsecond or more on each name a template reads (it splits the
/// name at dots and tries five or six dynamic casts on every value, reflection or not), so a
/// timeline row, which reads about twenty, costs some 40 µs to draw; looked up, it costs the
/// hash of its values. A page is drawn in full the first time only.
///
/// Bounded: when it holds ``capacity`` fragments it starts again empty (the next pages are drawn
/// again and fill it), so it never holds more than about `capacity` times a fragment's size.
final class RenderCache<Model: Hashable & Sendable>: Sendable {
  /// How many fragments it holds at most.
  let capacity: Int
  private let fragments = Mutex<[Model: String]>([:])

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The fragment for `model`: the one drawn before, or `draw(model)`, kept for next time.
  func fragment(for model: Model, draw: (Model) -> String) -> String {
    if let drawn = fragments.withLock({ $0[model] }) { return drawn }
    let drawn = draw(model)
    fragments.withLock { fragments in
      if fragments.count >= capacity { fragments.removeAll(keepingCapacity: true) }
      fragments[model] = drawn
    }
    return drawn
  }
}
