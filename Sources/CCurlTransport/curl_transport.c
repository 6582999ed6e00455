#include "curl_transport.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

// The parts of libcurl's stable ABI used here (curl/curl.h; the values have not changed since
// libcurl 7.17). Declared here so that building needs no curl headers.
typedef void CURL;
struct curl_slist;
typedef int CURLcode;

enum {
  option_write_data = 10001,
  option_url = 10002,
  option_error_buffer = 10010,
  option_post_fields = 10015,
  option_http_header = 10023,
  option_custom_request = 10036,
  option_no_progress = 43,
  option_post = 47,
  option_http_get = 80,
  option_no_signal = 99,
  option_timeout_ms = 155,
  option_connect_timeout_ms = 156,
  option_write_function = 20011,
  option_post_field_size_large = 30120,
  info_response_code = 0x200000 + 2,
  global_all = 3,
  error_buffer_size = 256,
};

enum {
  code_ok = 0,
  code_write_error = 23,
  code_partial_file = 18,
  code_operation_timed_out = 28,
  code_got_nothing = 52,
  code_send_error = 55,
  code_receive_error = 56,
  code_http2 = 16,
  code_http2_stream = 92,
};

static struct {
  int loaded;
  char failure[256];
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *, int, ...);
  CURLcode (*easy_perform)(CURL *);
  CURLcode (*easy_getinfo)(CURL *, int, ...);
  void (*easy_cleanup)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
  const char *names[] = {
#ifdef __APPLE__
    "libcurl.4.dylib", "/usr/lib/libcurl.4.dylib",
#else
    "libcurl.so.4", "libcurl.so",
#endif
  };
  void *library = NULL;
  for (size_t index = 0; index < sizeof names / sizeof names[0] && library == NULL; index++) {
    library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
  }
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(curl.failure, sizeof curl.failure, "HTTP needs libcurl (%s)",
      reason ? reason : "libcurl.so.4 not found");
    return;
  }
#define LOAD(field, symbol)                                                                \
  if ((*(void **)&curl.field = dlsym(library, symbol)) == NULL) {                        \
    snprintf(curl.failure, sizeof curl.failure, "libcurl has no %s", symbol);          \
    return;                                                                              \
  }
  LOAD(global_init, "curl_global_init")
  LOAD(easy_init, "curl_easy_init")
  LOAD(easy_setopt, "curl_easy_setopt")
  LOAD(easy_perform, "curl_easy_perform")
  LOAD(easy_getinfo, "curl_easy_getinfo")
  LOAD(easy_cleanup, "curl_easy_cleanup")
  LOAD(easy_strerror, "curl_easy_strerror")
  LOAD(slist_append, "curl_slist_append")
  LOAD(slist_free_all, "curl_slist_free_all")
#undef LOAD
  if (curl.global_init(global_all) != code_ok) {
    snprintf(curl.failure, sizeof curl.failure, "libcurl did not initialize");
    return;
  }
  curl.loaded = 1;
}

/// The body received so far.
typedef struct {
  unsigned char *bytes;
  size_t length;
  size_t capacity;
  size_t limit;
  int too_large;
} body_buffer;

static size_t append_body(char *data, size_t size, size_t count, void *context) {
  body_buffer *buffer = context;
  size_t length = size * count;
  if (length > buffer->limit - buffer->length) {
    buffer->too_large = 1;
    return 0;  // libcurl stops with a write error
  }
  if (buffer->length + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + length) capacity *= 2;
    unsigned char *grown = realloc(buffer->bytes, capacity);
    if (grown == NULL) {
      buffer->too_large = 1;
      return 0;
    }
    buffer->bytes = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->bytes + buffer->length, data, length);
  buffer->length += length;
  return length;
}

static void fail(mv_http_response *response, mv_http_outcome outcome, const char *message) {
  response->outcome = outcome;
  snprintf(response->message, sizeof response->message, "%s", message);
}

void mv_http_perform(
  const char *method, const char *url, const unsigned char *body, size_t body_length,
  const char *const *headers, size_t header_count, long timeout_ms, size_t max_body_bytes,
  mv_http_response *response) {
  memset(response, 0, sizeof *response);
  pthread_once(&load_once, load_curl);
  if (!curl.loaded) {
    fail(response, mv_http_no_library, curl.failure);
    return;
  }
  CURL *handle = curl.easy_init();
  if (handle == NULL) {
    fail(response, mv_http_unreachable, "libcurl could not make a request");
    return;
  }
  struct curl_slist *header_list = NULL;
  for (size_t index = 0; index < header_count; index++) {
    if (headers[index] == NULL) continue;
    struct curl_slist *appended = curl.slist_append(header_list, headers[index]);
    if (appended != NULL) header_list = appended;
  }
  // No "Expect: 100-continue" round trip before a POST body.
  struct curl_slist *with_expect = curl.slist_append(header_list, "Expect:");
  if (with_expect != NULL) header_list = with_expect;

  char error_text[error_buffer_size] = {0};
  body_buffer received = {.limit = max_body_bytes};
  curl.easy_setopt(handle, option_url, url);
  curl.easy_setopt(handle, option_no_signal, 1L);
  curl.easy_setopt(handle, option_no_progress, 1L);
  curl.easy_setopt(handle, option_timeout_ms, timeout_ms);
  curl.easy_setopt(handle, option_connect_timeout_ms, timeout_ms);
  curl.easy_setopt(handle, option_error_buffer, error_text);
  curl.easy_setopt(handle, option_write_function, append_body);
  curl.easy_setopt(handle, option_write_data, &received);
  curl.easy_setopt(handle, option_http_header, header_list);
  if (strcmp(method, "POST") == 0) {
    curl.easy_setopt(handle, option_post, 1L);
    curl.easy_setopt(handle, option_post_field_size_large, (long long)body_length);
    curl.easy_setopt(handle, option_post_fields, body ? (const void *)body : (const void *)"");
  } else if (strcmp(method, "GET") == 0) {
    curl.easy_setopt(handle, option_http_get, 1L);
  } else {
    curl.easy_setopt(handle, option_custom_request, method);
  }

  // With CURLOPT_NOSIGNAL libcurl does not ignore SIGPIPE, and a TLS write to a connection the
  // server closed can raise it, which would end the process. Blocked on this thread only, a
  // SIGPIPE stays pending here, the write fails with EPIPE, and the signal is discarded below.
  sigset_t pipe_signal, previous_mask;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous_mask);
  CURLcode code = curl.easy_perform(handle);
#ifdef __linux__
  struct timespec no_wait = {0, 0};
  while (sigtimedwait(&pipe_signal, NULL, &no_wait) > 0) {
  }
#endif
  pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
  if (code == code_ok) {
    long status = 0;
    curl.easy_getinfo(handle, info_response_code, &status);
    response->outcome = mv_http_completed;
    response->status = status;
    response->body = received.bytes;
    response->body_length = received.length;
    received.bytes = NULL;
  } else {
    const char *reason = error_text[0] ? error_text : curl.easy_strerror(code);
    if (received.too_large) {
      char text[128];
      snprintf(text, sizeof text, "the response is larger than %zu bytes", max_body_bytes);
      fail(response, mv_http_too_large, text);
    } else if (code == code_operation_timed_out) {
      fail(response, mv_http_timed_out, reason);
    } else if (code == code_partial_file || code == code_got_nothing || code == code_send_error
      || code == code_receive_error || code == code_http2 || code == code_http2_stream) {
      fail(response, mv_http_connection_lost, reason);
    } else {
      fail(response, mv_http_unreachable, reason);
    }
  }
  free(received.bytes);
  curl.slist_free_all(header_list);
  curl.easy_cleanup(handle);
}

void mv_http_response_free(mv_http_response *response) {
  free(response->body);
  response->body = NULL;
  response->body_length = 0;
}
