/// How the phone shortens a button name that does not fit its button.
///
/// WeChat's create page (its older Chinese copy) says a top-level button
/// shows at most 4 Chinese characters and a sub-button at most 7, "the rest replaced by ...".
/// The page does not say how other characters count, so MenuVault counts display width in
/// half-width units, as terminals and CJK fonts do:
///
/// - a wide character is 2 units: CJK ideographs, kana, hangul, CJK punctuation, full-width
///   forms, and emoji (a whole emoji sequence, such as a flag or a family joined by ZWJ, is one
///   character);
/// - everything else is 1 unit: ASCII, Latin, Cyrillic, half-width forms.
///
/// So a top-level button has 8 units (4 CJK characters or 8 ASCII characters) and a sub-button
/// 14. A name that fits is shown whole; a longer one is cut after the last character that still
/// fits and gets "..." (which does not count). `今日歌曲推荐` shows as `今日歌曲...`,
/// `Settings!` as `Settings...`, `a今日歌曲` as `a今日歌...`.
///
/// Weibo documents no such rule (its API only limits names to 16 and 40 bytes, about 5 and 13
/// Chinese characters), so Weibo names are drawn whole and the stylesheet ends any line that still
/// overflows its button with an ellipsis.
enum MenuNameCut {
  /// The display width of a top-level name: 4 CJK characters.
  static let topLevelWidth = 8
  /// The display width of a sub-button name: 7 CJK characters.
  static let subButtonWidth = 14
  /// What replaces the part of a name that does not fit.
  static let ellipsis = "..."

  /// `name` as the WeChat client shows it in a button `maxWidth` half-width units wide.
  static func cut(_ name: String, maxWidth: Int) -> String {
    var used = 0
    var end = name.startIndex
    for index in name.indices {
      let width = self.width(of: name[index])
      if used + width > maxWidth {
        return String(name[..<end]) + ellipsis
      }
      used += width
      end = name.index(after: index)
    }
    return name
  }

  /// The display width of one character: 2 for a wide (CJK, full-width) or emoji character,
  /// 1 for any other.
  static func width(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.properties.isEmojiPresentation || scalars.contains("\u{FE0F}") { return 2 }
    return isWide(first) ? 2 : 1
  }

  /// Whether a scalar is East Asian Wide or Full-width (the blocks a menu name can reasonably
  /// hold).
  private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F,  // hangul jamo initials
      0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
      0x3041...0x33FF,  // hiragana, katakana, bopomofo, hangul compatibility, CJK compatibility
      0x3400...0x4DBF,  // CJK extension A
      0x4E00...0x9FFF,  // CJK unified ideographs
      0xA000...0xA4CF,  // Yi
      0xA960...0xA97F,  // hangul jamo extended A
      0xAC00...0xD7A3,  // hangul syllables
      0xF900...0xFAFF,  // CJK compatibility ideographs
      0xFE10...0xFE19,  // vertical forms
      0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
      0xFF00...0xFF60,  // full-width forms
      0xFFE0...0xFFE6,  // full-width signs
      0x1F200...0x1F2FF,  // enclosed ideographic supplement
      0x20000...0x2FFFD,  // CJK extensions B and later
      0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
