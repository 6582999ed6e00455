import MenuVaultJSON

extension Normalizer {
  /// "No menu" on `platform`: the empty document `{}` normalized, worked out once per platform.
  /// It is what a delete must leave and what a `menu/get` that says there is no menu reads as;
  /// a page that compares many accounts with it need not normalize it for each.
  public static func noMenu(platform: Platform) throws(NormalizeError) -> NormalizedMenu {
    if let known = noMenus[platform] { return known }
    return try normalize(document: .object([]), platform: platform)
  }

  private static let noMenus: [Platform: NormalizedMenu] = Dictionary(
    uniqueKeysWithValues: Platform.allCases.compactMap { platform in
      (try? normalize(document: .object([]), platform: platform)).map { (platform, $0) }
    })
}
