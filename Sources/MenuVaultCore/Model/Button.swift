/// One menu button: a leaf with an action, a parent with sub-buttons, or a marked unpublishable
/// entry that could not be carried into the create API.
///
/// The fields are kept as they were read (a parent that carried a `type` still has it here) so
/// that validation can report them; ``MenuSet/normalized()`` gives the form that is hashed.
public struct Button: Sendable, Equatable {
  /// The title shown in the menu bar (`name`); `nil` when the input had none.
  public var name: String?
  /// The type as given (`click`, `view`, ... or a website type such as `img`); `nil` on parents.
  public var type: String?
  /// The action fields by their create-API names; empty strings are never stored.
  public var fields: [ButtonField: String] {
    get { fieldValues.dictionary }
    set { fieldValues = ButtonFieldValues(newValue) }
  }
  /// The same fields, one slot per field: what `fields` reads and writes.
  var fieldValues: ButtonFieldValues
  /// The second-level buttons of a parent (`sub_button`), in order.
  public var subButtons: [Button]
  /// Whether this is a marked unpublishable entry (type and name only).
  public var isUnpublishable: Bool

  /// Creates a button.
  public init(
    name: String?, type: String? = nil, fields: [ButtonField: String] = [:],
    subButtons: [Button] = [], isUnpublishable: Bool = false
  ) {
    self.init(
      name: name, type: type, fieldValues: ButtonFieldValues(fields),
      subButtons: subButtons, isUnpublishable: isUnpublishable)
  }

  /// Creates a button from field slots (empty strings already left out).
  init(
    name: String?, type: String? = nil, fieldValues: ButtonFieldValues,
    subButtons: [Button] = [], isUnpublishable: Bool = false
  ) {
    self.name = name
    self.type = type
    self.fieldValues = fieldValues
    self.subButtons = subButtons
    self.isUnpublishable = isUnpublishable
  }

  /// A leaf of a create-API type with its fields.
  public static func leaf(_ name: String, _ kind: ButtonKind, _ fields: [ButtonField: String])
    -> Button
  {
    Button(name: name, type: kind.rawValue, fields: fields)
  }

  /// A parent holding `subButtons`.
  public static func parent(_ name: String, _ subButtons: [Button]) -> Button {
    Button(name: name, subButtons: subButtons)
  }

  /// The create-API type, when `type` names one.
  public var kind: ButtonKind? { type.flatMap(ButtonKind.named) }

  /// Whether this button opens a sub-menu.
  public var isParent: Bool { !subButtons.isEmpty }

  /// The value of one action field.
  public subscript(field: ButtonField) -> String? {
    get { fieldValues[field] }
    set { fieldValues[field] = newValue?.isEmpty == true ? nil : newValue }
  }

  /// This button in normalized form: parents carry no type or action fields, leaves no sub-buttons,
  /// unpublishable entries only their type and name.
  public func normalized() -> Button {
    if isNormalized { return self }
    if isParent {
      return Button(name: name, subButtons: subButtons.map { $0.normalized() })
    }
    if isUnpublishable {
      return Button(name: name, type: type, isUnpublishable: true)
    }
    return Button(name: name, type: type, fieldValues: fieldValues)
  }

  /// Whether ``normalized()`` would give this very button: a parent without type, fields or
  /// marker over normalized sub-buttons, an unpublishable leaf without fields, or any other leaf.
  /// Most menus are read in that form already, and checking is cheaper than copying.
  var isNormalized: Bool {
    if isParent {
      return type == nil && fieldValues.isEmpty && !isUnpublishable
        && subButtons.allSatisfy { $0.isNormalized }
    }
    return !isUnpublishable || fieldValues.isEmpty
  }
}

/// A button's action fields, one optional slot per ``ButtonField``: a button has at most a few,
/// and slots cost no hashing or allocation where a dictionary would cost both, per button.
struct ButtonFieldValues: Sendable, Equatable {
  var key: String?
  var url: String?
  var mediaID: String?
  var appID: String?
  var pagePath: String?
  var articleID: String?

  /// No fields.
  init() {}

  /// The fields of `dictionary`, empty strings left out.
  init(_ dictionary: [ButtonField: String]) {
    for (field, value) in dictionary where !value.isEmpty { self[field] = value }
  }

  /// The value of one field.
  subscript(field: ButtonField) -> String? {
    get {
      switch field {
      case .key: return key
      case .url: return url
      case .mediaID: return mediaID
      case .appID: return appID
      case .pagePath: return pagePath
      case .articleID: return articleID
      }
    }
    set {
      switch field {
      case .key: key = newValue
      case .url: url = newValue
      case .mediaID: mediaID = newValue
      case .appID: appID = newValue
      case .pagePath: pagePath = newValue
      case .articleID: articleID = newValue
      }
    }
  }

  /// Whether no field is set.
  var isEmpty: Bool {
    key == nil && url == nil && mediaID == nil && appID == nil && pagePath == nil
      && articleID == nil
  }

  /// The fields that are set, by field.
  var dictionary: [ButtonField: String] {
    var result: [ButtonField: String] = [:]
    for field in ButtonField.allCases {
      if let value = self[field] { result[field] = value }
    }
    return result
  }
}
