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
  public var fields: [ButtonField: String]
  /// The second-level buttons of a parent (`sub_button`), in order.
  public var subButtons: [Button]
  /// Whether this is a marked unpublishable entry (type and name only).
  public var isUnpublishable: Bool

  /// Creates a button.
  public init(
    name: String?, type: String? = nil, fields: [ButtonField: String] = [:],
    subButtons: [Button] = [], isUnpublishable: Bool = false
  ) {
    self.name = name
    self.type = type
    self.fields = fields.filter { !$0.value.isEmpty }
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
  public var kind: ButtonKind? { type.flatMap(ButtonKind.init(rawValue:)) }

  /// Whether this button opens a sub-menu.
  public var isParent: Bool { !subButtons.isEmpty }

  /// The value of one action field.
  public subscript(field: ButtonField) -> String? {
    get { fields[field] }
    set { fields[field] = newValue?.isEmpty == true ? nil : newValue }
  }

  /// This button in normalized form: parents carry no type or action fields, leaves no sub-buttons,
  /// unpublishable entries only their type and name.
  public func normalized() -> Button {
    if isParent {
      return Button(name: name, subButtons: subButtons.map { $0.normalized() })
    }
    if isUnpublishable {
      return Button(name: name, type: type, isUnpublishable: true)
    }
    return Button(name: name, type: type, fields: fields)
  }
}
