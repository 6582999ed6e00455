import Synchronization

/// The pages already drawn, kept for as long as the vault has not changed since: a page is
/// drawn from the vault alone (its URL, its representation, the server's options), so while no
/// commit reaches the vault, the page drawn before is the page that would be drawn now.
///
/// Keyed by the vault's change count (``VaultReader/changeCount()``), read before the page's
/// own read of the vault: a page is kept under a count no newer than what it shows, and any
/// commit (by this process, the command line, the watcher) makes the count move on, so a page
/// kept under an earlier count is never given out again: a stale page is never shown.
///
/// Bounded: only the pages of the latest count are kept (a newer count drops the rest), at most
/// ``maximumBytes`` of them, the least recently used going first; a page larger than a quarter
/// of that is not kept at all.
final class PageCache: Sendable {
  /// What a page depends on besides the vault: the URL's path and query as given, and whether
  /// JSON was asked for.
  struct Key: Hashable, Sendable {
    /// The path and query, as the request gave them.
    var target: String
    /// Whether the answer is JSON (the same URL answers a page).
    var json: Bool
  }

  /// How many bytes of pages (and their keys) it holds at most.
  let maximumBytes: Int

  private struct Entry {
    var page: DrawnPage
    var lastUse: UInt64
    var size: Int
  }

  private struct State {
    var changeCount: Int64 = .min
    var entries: [Key: Entry] = [:]
    var bytes = 0
    var uses: UInt64 = 0

    /// Forgets every page: the vault has changed.
    mutating func reset(to changeCount: Int64) {
      self.changeCount = changeCount
      entries.removeAll()
      bytes = 0
    }

    /// Drops the least recently used pages until at most `limit` bytes are kept (a sort, on a
    /// miss only: a page drawn costs milliseconds, the sort of a few hundred entries microseconds).
    mutating func evict(downTo limit: Int) {
      for (key, entry) in entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
        guard bytes > limit else { return }
        entries[key] = nil
        bytes -= entry.size
      }
    }
  }

  private let state = Mutex(State())

  /// A cache of at most `maximumBytes` of pages (16 MiB by default: some 500 timeline pages).
  init(maximumBytes: Int = 16 << 20) {
    self.maximumBytes = maximumBytes
  }

  /// The page kept for `key` at `changeCount`, if any.
  func page(for key: Key, changeCount: Int64) -> DrawnPage? {
    state.withLock { state in
      if changeCount > state.changeCount { state.reset(to: changeCount) }
      guard changeCount == state.changeCount, var entry = state.entries[key] else { return nil }
      state.uses += 1
      entry.lastUse = state.uses
      state.entries[key] = entry
      return entry.page
    }
  }

  /// Keeps `page` for `key`, drawn from a read of the vault that began after the change count
  /// was `changeCount`; nothing is kept when the count has moved on since.
  func keep(_ page: DrawnPage, for key: Key, changeCount: Int64) {
    let size = page.body.readableBytes + key.target.utf8.count + 256
    guard size <= maximumBytes / 4 else { return }
    state.withLock { state in
      if changeCount > state.changeCount { state.reset(to: changeCount) }
      guard changeCount == state.changeCount else { return }
      if let previous = state.entries[key] { state.bytes -= previous.size }
      state.uses += 1
      state.entries[key] = Entry(page: page, lastUse: state.uses, size: size)
      state.bytes += size
      if state.bytes > maximumBytes { state.evict(downTo: maximumBytes * 3 / 4) }
    }
  }

  /// How many pages it holds, and their size in bytes (as it counts them).
  var usage: (pages: Int, bytes: Int) {
    state.withLock { ($0.entries.count, $0.bytes) }
  }
}
