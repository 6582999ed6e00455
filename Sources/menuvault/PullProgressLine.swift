import Foundation
import MenuVault

#if canImport(Glibc)
  import Glibc
#endif

/// The progress of `pull --all` on stderr: on a terminal one line rewritten in place (at most
/// ten times a second), else a plain line each time another tenth of the accounts has ended.
/// `120 of 200 accounts, 35.2/s, 1 failed, about 2.3 s left`.
final class PullProgressLine {
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private let clock = ContinuousClock()
  private var drawnAt: ContinuousClock.Instant?
  /// Whether a terminal line is on screen now.
  private var onScreen = false
  /// The tenth of the accounts the next plain line waits for.
  private var nextTenth = 1

  /// Shows where the run stands after an account ended.
  func show(_ step: PullAllProgress) {
    guard isTerminal else {
      let tenth = step.total > 0 ? step.done * 10 / step.total : 10
      if tenth >= nextTenth {
        nextTenth = tenth + 1
        Terminal.note(Self.text(step))
      }
      return
    }
    let now = clock.now
    if let drawnAt, now - drawnAt < .milliseconds(100), step.done < step.total { return }
    drawnAt = now
    FileHandle.standardError.write(Data("\r\u{1B}[K\(Self.text(step))".utf8))
    onScreen = true
  }

  /// Takes the terminal line away, so a line can be written in its place.
  func clear() {
    guard onScreen else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    onScreen = false
  }

  /// Ends the progress: the summary line follows on stdout.
  func finish() { clear() }

  /// `120 of 200 accounts, 35.2/s, 1 failed, about 2.3 s left`.
  static func text(_ step: PullAllProgress) -> String {
    var text =
      "\(step.done) of \(step.total) accounts, \(String(format: "%.1f", step.rate))/s, "
      + "\(step.failed) failed"
    if step.done < step.total, let left = step.estimatedTimeLeft {
      text += ", about \(seconds(left)) s left"
    }
    return text
  }

  /// `2.3`: a duration in seconds with one decimal.
  static func seconds(_ duration: Duration) -> String {
    String(format: "%.1f", duration.timeInterval)
  }
}
