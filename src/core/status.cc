#include "core/status.h"

namespace dxgov {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPreconditionFailed: return "precondition_failed";
    case ErrorCode::kPreconditionRequired: return "precondition_required";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Error InvalidArgument(std::string path, std::string reason_en, std::string message_vi) {
  std::string en = path.empty() ? reason_en : path + ": " + reason_en;
  return Error(ErrorCode::kInvalidArgument, std::move(message_vi), std::move(en),
               {FieldError{std::move(path), std::move(reason_en)}});
}

Error NotFound(const std::string& what_vi, const std::string& what_en, const std::string& id) {
  return Error(ErrorCode::kNotFound, "Không tìm thấy " + what_vi + " " + id, what_en + " " + id + " not found");
}

Error Internal(std::string message_en) {
  return Error(ErrorCode::kInternal, "Lỗi hệ thống, vui lòng thử lại sau", std::move(message_en));
}

}  // namespace dxgov
