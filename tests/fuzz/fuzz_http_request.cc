// Request targets, query parameters and identity headers: any bytes must give a value or a
// precise error, never a crash, and what is accepted must obey each function's contract.
// The input is split into lines: target, Cookie, Authorization, X-Forwarded-For,
// Content-Type (missing lines are empty).
#include <algorithm>
#include <cctype>
#include <optional>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_auth.h"
#include "api/query_params.h"
#include "api/request_target.h"

using namespace dxgov;
using namespace dxgov::api;

namespace {

std::vector<std::string_view> Lines(std::string_view in, size_t n) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < n) {
    const size_t nl = in.find('\n');
    if (nl == std::string_view::npos) break;
    out.push_back(in.substr(0, nl));
    in.remove_prefix(nl + 1);
  }
  out.push_back(in);
  out.resize(n);
  return out;
}

std::string Encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

bool TokenChar(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
}

void CheckTarget(std::string_view target) {
  std::string path;
  QueryPairs query;
  if (!ParseRequestTarget(target, path, query)) return;
  if (path.empty() || path[0] != '/') std::abort();
  // Whatever was accepted survives being fully re-encoded and read again.
  std::string rebuilt = "/" + Encode(std::string_view(path).substr(1));
  for (size_t i = 0; i < query.size(); ++i) {
    rebuilt += (i == 0 ? "?" : "&");
    rebuilt += Encode(query[i].first) + "=" + Encode(query[i].second);
  }
  std::string path2;
  QueryPairs query2;
  if (!ParseRequestTarget(rebuilt, path2, query2) || path2 != path || query2 != query) std::abort();

  QueryParams p(query, {"limit", "offset", "q", "as_of", "open", "status"});
  int limit = 0;
  int64_t offset = 0;
  p.Page(limit, offset);
  if (limit < 1 || limit > 500 || offset < 0) std::abort();
  (void)p.Str("q");
  (void)p.DateP("as_of");
  (void)p.Bool("open");
  auto parse = [](const std::string& s) -> std::optional<int> {
    if (s == "open") return 0;
    if (s == "done") return 1;
    return std::nullopt;
  };
  (void)p.List<int>("status", parse, "open|done");
  if (auto e = p.Problems()) {
    if (e->fields().empty()) std::abort();
    for (const auto& f : e->fields())
      if (f.path.rfind("/query/", 0) != 0 || f.reason.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto line = Lines(in, 5);
  CheckTarget(line[0]);

  const std::string cookie = CookieValue(line[1], kSessionCookieName);
  if (cookie.size() > 256 || !std::all_of(cookie.begin(), cookie.end(), [](unsigned char c) { return TokenChar(c); }))
    std::abort();

  bool ok = false;
  const std::string bearer = BearerToken(line[2], ok);
  if (!ok && !bearer.empty()) std::abort();
  if (bearer.size() > 256 || !std::all_of(bearer.begin(), bearer.end(), [](unsigned char c) { return TokenChar(c); }))
    std::abort();

  const std::vector<std::string> proxies = {"127.0.0.1"};
  const std::string client = ClientAddress("127.0.0.1", line[3], proxies);
  if (client != "127.0.0.1") {
    if (client.empty() || client.size() > 64) std::abort();
    for (unsigned char c : client)
      if (!std::isxdigit(c) && c != '.' && c != ':' && c != '[' && c != ']') std::abort();
  }
  if (ClientAddress("10.0.0.1", line[3], proxies) != "10.0.0.1") std::abort();

  const std::string media = MediaType(line[4]);
  if (media.find(';') != std::string::npos) std::abort();
  for (unsigned char c : media)
    if (std::isupper(c)) std::abort();
  return 0;
}
