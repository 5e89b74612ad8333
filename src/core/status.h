// Errors as values for every layer of dxgov.
//
// An Error carries a canonical code (which the HTTP layer maps to a status), a Vietnamese
// message for people, an English one for logs and foreign users, and the exact fields that
// were wrong (JSON-pointer paths with a reason each). Result<T> is a value or an Error;
// both are [[nodiscard]] so a failure cannot be dropped silently.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dxgov {

enum class ErrorCode {
  kInvalidArgument,      // 400/422: the input is malformed or breaks a rule
  kNotFound,             // 404
  kConflict,             // 409: e.g. a duplicate key
  kPreconditionFailed,   // 412: stale If-Match
  kPreconditionRequired, // 428: If-Match missing
  kPayloadTooLarge,      // 413
  kUnsupportedMediaType, // 415
  kUnavailable,          // 503: storage full, read-only, shutting down
  kUnauthenticated,      // 401: no valid credentials
  kPermissionDenied,     // 403: signed in, but not allowed
  kTooManyRequests,      // 429: throttled (Error::detail = seconds to wait)
  kInternal,             // 500: a bug or an unexpected storage failure
};

// Stable, machine-readable name of a code ("invalid_argument", ...).
const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string path;    // JSON pointer into the request, e.g. "/deadline/kind"
  std::string reason;  // short English reason, e.g. "must be one of date|month|..."
};

class [[nodiscard]] Error {
 public:
  Error(ErrorCode code, std::string message_vi, std::string message_en,
        std::vector<FieldError> fields = {})
      : code_(code), message_vi_(std::move(message_vi)), message_en_(std::move(message_en)),
        fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  const std::string& message_vi() const { return message_vi_; }
  const std::string& message_en() const { return message_en_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // Adds context in front of both messages ("loading plan X: ..."), keeping code and fields.
  Error WithContext(const std::string& vi, const std::string& en) && {
    message_vi_ = vi + ": " + message_vi_;
    message_en_ = en + ": " + message_en_;
    return std::move(*this);
  }
  // An opaque token callers may attach, e.g. the current ETag on a 412.
  std::string detail;

 private:
  ErrorCode code_;
  std::string message_vi_;
  std::string message_en_;
  std::vector<FieldError> fields_;
};

// Shorthands for the common cases.
Error InvalidArgument(std::string path, std::string reason_en, std::string message_vi);
Error NotFound(const std::string& what_vi, const std::string& what_en, const std::string& id);
Error Internal(std::string message_en);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}   // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  // REQUIRES: !ok().
  const Error& error() const& { assert(!ok()); return std::get<1>(v_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace dxgov

// Propagates an error from an expression returning Result<T>/Status; otherwise continues.
#define DX_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    auto dx_status_ = (expr);                             \
    if (!dx_status_.ok()) return std::move(dx_status_).error(); \
  } while (0)

#define DX_CONCAT_INNER_(a, b) a##b
#define DX_CONCAT_(a, b) DX_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result<T> expression or returns its error.
#define DX_ASSIGN_OR_RETURN(lhs, expr) DX_ASSIGN_OR_RETURN_IMPL_(DX_CONCAT_(dx_r_, __LINE__), lhs, expr)
#define DX_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return std::move(tmp).error();    \
  lhs = std::move(tmp).value()
