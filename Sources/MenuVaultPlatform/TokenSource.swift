/// Where an account's access token comes from. The command line builds one from the account's
/// settings and the environment; the library never reads the environment itself.
///
/// Its descriptions never show a secret or a token.
package enum TokenSource: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// An access token given as it is: an Official Account's own token, or a third-party
  /// platform's `authorizer_access_token`. It cannot be refreshed.
  case accessToken(String)
  /// A WeChat app id and app secret, exchanged for a token through `endpoint`.
  case appCredentials(appID: String, secret: String, endpoint: TokenEndpoint = .stableToken)
  /// A command run with `/bin/sh -c` whose first output line is the token (operators who keep
  /// tokens in a central service); run again when the server refuses the token. `environment`
  /// is added to the environment it inherits: the account it is run for
  /// (``TokenCommand/accountVariable``, ``TokenCommand/appIDVariable``), so one command line
  /// serves every account.
  case command(String, environment: [String: String] = [:])

  /// What the source is, without its secret: `app credentials for wx123 (cgi-bin/stable_token)`.
  package var description: String {
    switch self {
    case .accessToken: return "a given access token"
    case .appCredentials(let appID, _, let endpoint):
      return "app credentials for \(appID) (\(endpoint.rawValue))"
    case .command(let command, _): return "the token command \(command)"
    }
  }

  /// Same as ``description``.
  package var debugDescription: String { description }
}

/// The endpoint that turns an app id and secret into an access token.
package enum TokenEndpoint: String, Sendable, Equatable, CaseIterable {
  /// `POST cgi-bin/stable_token`: returns the same token while it is valid, so a production
  /// server sharing the account keeps working (the default).
  case stableToken = "cgi-bin/stable_token"
  /// `GET cgi-bin/token`: issues a new token each time, which starts the old one's expiry.
  case token = "cgi-bin/token"
}
