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
/// The pool is not `NIOThreadPool.singleton`, which has a thread per core, sized for short file
/// I/O: an exchange here may wait 15 s for a platform. It has a fixed number of threads, enough
/// for the command line's pull of four accounts at once, each running its token command (which
/// reads its two pipes at once), or for page reads beside rollbacks. It is created, and its
/// threads started, on first use: a command that never blocks (`canonicalize`, `--help`)
/// starts none.
package enum BlockingWork {
  /// How many pieces of blocking work can run at once; more wait their turn.
  static let threadCount = 8

  private static let pool: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: threadCount)
    pool.start()
    return pool
  }()

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
    let result = await withCheckedContinuation { continuation in
      // The pool is never stopped, so every item runs (as `.active`).
      pool.submit { _ in continuation.resume(returning: work.run()) }
    }
    return try result.get()
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
