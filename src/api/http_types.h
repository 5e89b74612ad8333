// Plain request/response values passed between the HTTP server (Beast) and the routes,
// so that neither side's headers leak into the other.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dxgov::api {

struct HttpRequest {
  std::string method;   // "GET", "POST", ...
  std::string path;     // decoded path without the query, e.g. "/api/tasks/12"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::string content_type;   // media type only, lower case, no parameters
  std::string if_match;       // raw header value, empty when absent
  std::string if_none_match;
  std::string accept_language;
  std::string accept_encoding;
  std::string cookie;          // raw Cookie header
  std::string authorization;   // raw Authorization header
  std::string csrf_token;      // X-CSRF-Token
  std::string forwarded_proto; // X-Forwarded-Proto (trusted only from a configured proxy)
  std::string forwarded_for;   // X-Forwarded-For (likewise)
  std::string body;
  std::string remote;         // peer address, for the access log
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Non-empty: keep the connection open as a Server-Sent Events stream of these topics
  // (api/events.h); `body` is sent first.
  std::vector<std::string> stream_topics;
};

}  // namespace dxgov::api
