#include "api/internal/responses.h"

#include <cctype>

#include <boost/json.hpp>

#include <algorithm>

#include "codec/json_codec.h"

namespace dxgov::api {
namespace json = boost::json;

HttpResponse JsonResponse(int status, const json::value& v) {
  HttpResponse r;
  r.status = status;
  r.body = codec::Serialize(v);
  return r;
}

std::string ETagOf(int64_t revision) { return "\"r" + std::to_string(revision) + "\""; }

namespace {

int StatusFor(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kPreconditionRequired: return 428;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace

HttpResponse FromError(const Error& e, int status) {
  if (status == 0) status = StatusFor(e);
  json::object body;
  if (status >= 500) {
    const bool unavailable = status == 503;
    body = codec::ToJson(Error(e.code(), e.message_vi(),
                               unavailable ? "service unavailable: storage cannot accept writes now"
                                           : "internal error; the event was logged"));
    if (!unavailable) body["error"].as_object()["message"] = "Lỗi hệ thống; sự cố đã được ghi lại";
  } else {
    body = codec::ToJson(e);
  }
  HttpResponse r = JsonResponse(status, body);
  if (status >= 500) r.headers.emplace_back("X-Dxgov-Log", e.message_en());  // stripped by the server, logged
  if ((status == 412 || status == 428) && !e.detail.empty()) {
    // The store names the current revision ("3"); the API's own checks already give an ETag.
    const bool revision = e.detail.size() <= 18 &&
                          std::all_of(e.detail.begin(), e.detail.end(), [](char c) { return c >= '0' && c <= '9'; });
    r.headers.emplace_back("ETag", revision ? ETagOf(std::stoll(e.detail)) : e.detail);
  }
  if (status == 503) r.headers.emplace_back("Retry-After", "5");
  return r;
}

HttpResponse Unprocessable(const Error& e) { return FromError(e, e.code() == ErrorCode::kInvalidArgument ? 422 : 0); }

json::object WholeList(json::array items) {
  const auto n = static_cast<int64_t>(items.size());
  return json::object{{"items", std::move(items)}, {"total", n}, {"limit", n}, {"offset", 0}};
}

std::string ContentDisposition(const std::string& name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static const char* kHex = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

HttpResponse Attachment(std::string content_type, const std::string& file_name, std::string body) {
  HttpResponse r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition", ContentDisposition(file_name));
  return r;
}

}  // namespace dxgov::api
