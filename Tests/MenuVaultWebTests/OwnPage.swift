import HTTPTypes

extension HTTPFields {
  /// What a browser sends with a request it makes from one of this server's own pages.
  static var ownPage: HTTPFields {
    var fields = HTTPFields()
    if let name = HTTPField.Name("Sec-Fetch-Site") { fields[name] = "same-origin" }
    return fields
  }

  /// ``ownPage`` asking for JSON.
  static var ownPageJSON: HTTPFields {
    var fields = HTTPFields.ownPage
    fields[.accept] = "application/json"
    return fields
  }
}
