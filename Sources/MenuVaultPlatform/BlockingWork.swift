import NIOPosix
import Synchronization

/// The one way MenuVault's code leaves Swift's cooperative pool: SQLite through the synchronous
/// `VaultStore`, a libcurl exchange and a token command all run here.
///
/// The cooperative pool has about one thread per core and expects its tasks never to block, so
/// a call that blocks there (SQLite waiting out its busy timeout, an exchange waiting out its
/// timeout) holds up the other tasks of the process: a server's requests, the other accounts of
/// a pull. The work runs on threads of its own instead, and the task waits for it without
/// holding a thread.
///
/// It lives here, in the lowest target whose own code leaves the pool (the transport and the
/// token command): `MenuVaultStore` stays synchronous and knows nothing of it, and its callers
/// (the workflows, the web pages through them) see both targets.
///
/// The threads are not `NIOThreadPool.singleton`'s, a thread per core sized for short file I/O:
/// an exchange here may wait 15 s for a platform. They come in groups of eight (an
/// `NIOThreadPool` each), added while every thread is busy, up to a limit: eight threads (enough
/// for a pull of one account, or page reads beside a rollback), unless a caller that runs many
/// pieces of work at once raises it (``allowThreads(_:)``): a pull of 64 accounts holds one
/// exchange per account under way, two threads for an account whose token command runs (its two
/// pipes are read at once). Past the limit, work waits for a thread of the least busy group, so
/// the time it waits does not count against an exchange's timeout. A group, once started, stays
/// for the life of the process. A command that never blocks (`canonicalize`, `--help`) starts
/// none.
package enum BlockingWork {
  /// The threads of one group, and the limit until a caller raises it.
  static let threadsPerGroup = 8

  /// The highest limit ``allowThreads(_:)`` sets: room for 256 accounts pulled at once, each
  /// running its token command, and as many again to spare.
  static let maximumThreadCount = 1024

  /// A group of threads and how many pieces of work it holds (running or waiting).
  private struct Group {
    var pool: NIOThreadPool
    var busy: Int
  }

  /// The groups started, and how many threads may be.
  private static let state = Mutex<(groups: [Group], limit: Int)>(([], threadsPerGroup))

  /// Lets enough threads run for `accounts` pulls at once (a pull of many, the watcher). The
  /// limit only grows.
  package static func allowThreads(forPulls accounts: Int) {
    // Each account under way blocks a thread on its exchange (two while its token command runs),
    // and the writer one, beside the usual eight.
    allowThreads(2 * accounts + threadsPerGroup)
  }

  /// Lets up to `count` threads run (at most ``maximumThreadCount``), for a caller about to run
  /// that many pieces of blocking work at once. The limit only grows.
  package static func allowThreads(_ count: Int) {
    state.withLock { $0.limit = max($0.limit, min(count, maximumThreadCount)) }
  }

  /// Runs `body` on a thread of the blocking pool and returns what it returns or throws.
  ///
  /// The work runs even when the calling task is cancelled (a write that records how an
  /// operation ended must happen all the same), and `body` (and whatever it holds, a vault
  /// included) is released before the caller resumes, so a vault whose last reference the caller
  /// then drops closes at once, on the caller's side.
  package static func run<T: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> T
  ) async throws(Failure) -> T {
    let work = PendingWork(body)
    let (index, pool) = reserve()
    let result = await withCheckedContinuation { continuation in
      // The pools are never stopped, so every item runs (as `.active`).
      pool.submit { _ in
        let result = work.run()
        release(index)
        continuation.resume(returning: result)
      }
    }
    return try result.get()
  }

  /// A group with an idle thread, started when every group is busy and the limit allows one
  /// more, else the least busy group; its count of work is raised by one.
  private static func reserve() -> (Int, NIOThreadPool) {
    state.withLock { state in
      if let index = state.groups.firstIndex(where: { $0.busy < threadsPerGroup }) {
        state.groups[index].busy += 1
        return (index, state.groups[index].pool)
      }
      if state.groups.count * threadsPerGroup < state.limit {
        let pool = NIOThreadPool(numberOfThreads: threadsPerGroup)
        pool.start()
        state.groups.append(Group(pool: pool, busy: 1))
        return (state.groups.count - 1, pool)
      }
      let groups = state.groups
      let index = groups.indices.min { groups[$0].busy < groups[$1].busy } ?? 0
      state.groups[index].busy += 1
      return (index, state.groups[index].pool)
    }
  }

  /// Lowers the count of work of group `index` by one.
  private static func release(_ index: Int) {
    state.withLock { $0.groups[index].busy -= 1 }
  }
}

/// A piece of blocking work, which lets go of its closure as it runs.
private final class PendingWork<T: Sendable, Failure: Error>: Sendable {
  private let body: Mutex<(@Sendable () throws(Failure) -> T)?>

  init(_ body: @escaping @Sendable () throws(Failure) -> T) {
    self.body = Mutex(body)
  }

  /// Runs the closure once and forgets it.
  func run() -> Result<T, Failure> {
    guard let body = body.withLock({ $0.take() }) else {
      preconditionFailure("a piece of blocking work is run once")
    }
    return Result { () throws(Failure) -> T in try body() }
  }
}
