// One HTTP exchange through libcurl, loaded with dlopen on first use.
//
// MenuVault's command line starts in a few milliseconds because it does not link libcurl (and
// the thirty libraries libcurl links): FoundationNetworking would load them all at start-up,
// for every command, even `--version`. Only a command that talks to a platform loads libcurl.

#ifndef MENUVAULT_CURL_TRANSPORT_H
#define MENUVAULT_CURL_TRANSPORT_H

#include <stddef.h>

/// How an exchange ended.
typedef enum {
  /// A whole response arrived (any HTTP status).
  mv_http_completed = 0,
  /// libcurl could not be loaded (not installed).
  mv_http_no_library = 1,
  /// No response within the time limit.
  mv_http_timed_out = 2,
  /// The connection broke after the request was (or may have been) sent: a body cut short,
  /// nothing received, a reset.
  mv_http_connection_lost = 3,
  /// The server could not be reached (name, connection refused, TLS) or the request not made.
  mv_http_unreachable = 4,
  /// The response body was larger than the limit.
  mv_http_too_large = 5,
} mv_http_outcome;

/// What came back: the status and the exact body bytes (owned, free with mv_http_response_free),
/// or why nothing did (`message`, libcurl's own words).
typedef struct {
  mv_http_outcome outcome;
  long status;
  unsigned char *_Nullable body;
  size_t body_length;
  char message[512];
} mv_http_response;

/// Sends one request: `method` ("GET" or "POST") to `url`, with `body` (may be NULL) and the
/// given header lines ("Name: value"), waiting at most `timeout_ms` in all. Blocks the calling
/// thread. The body kept is at most `max_body_bytes`.
void mv_http_perform(
  const char *_Nonnull method, const char *_Nonnull url,
  const unsigned char *_Nullable body, size_t body_length,
  const char *_Nullable const *_Nullable headers, size_t header_count,
  long timeout_ms, size_t max_body_bytes, mv_http_response *_Nonnull response);

/// Frees the body of `response`.
void mv_http_response_free(mv_http_response *_Nonnull response);

#endif
