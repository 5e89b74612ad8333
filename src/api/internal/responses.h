// The shapes every answer of the API takes: JSON bodies, errors (with the HTTP status each
// error code maps to), ETags and pages of a list.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>

#include "api/http_types.h"
#include "core/query.h"
#include "core/status.h"

namespace dxgov::api {

// `v` serialised as the body, application/json.
HttpResponse JsonResponse(int status, const boost::json::value& v);

// The ETag of a record's revision: "r<revision>" in quotes.
std::string ETagOf(int64_t revision);

// An error as the client sees it, with the status its code maps to (or `status` when
// given). Internal and storage failures say nothing of internals: their English message
// goes to the X-Dxgov-Log header, which the server logs and strips.
HttpResponse FromError(const Error& e, int status = 0);

// Body validation failures are well-formed requests that break a rule: 422.
HttpResponse Unprocessable(const Error& e);

// The Content-Disposition of a download (RFC 6266): an ASCII fallback name and the UTF-8
// name percent-encoded (RFC 5987).
std::string ContentDisposition(const std::string& file_name);

// A file to download: `body` as `content_type`, named `file_name`.
HttpResponse Attachment(std::string content_type, const std::string& file_name, std::string body);

// A list small enough to answer whole, in the page shape every list has.
boost::json::object WholeList(boost::json::array items);

template <typename T>
boost::json::object PageJson(const Page<T>& p, boost::json::array items) {
  return boost::json::object{
      {"items", std::move(items)}, {"total", p.total}, {"limit", p.limit}, {"offset", p.offset}};
}

}  // namespace dxgov::api
