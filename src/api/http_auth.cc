#include "api/http_auth.h"

#include <algorithm>
#include <cctype>

namespace dxgov::api {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool TokenChars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
  });
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = Trim(header.substr(0, semi));
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) {
      std::string_view v = Trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return TokenChars(v) && v.size() <= 256 ? std::string(v) : std::string();
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return "";
}

std::string SessionSetCookie(std::string_view value, bool secure, int64_t max_age_s) {
  std::string out(kSessionCookieName);
  out.append("=").append(value).append("; Path=/; HttpOnly; SameSite=Strict; Max-Age=").append(std::to_string(max_age_s));
  if (secure) out.append("; Secure");
  return out;
}

std::string BearerToken(std::string_view authorization, bool& ok) {
  ok = true;
  authorization = Trim(authorization);
  if (authorization.empty()) return "";
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) {
    ok = false;
    return "";
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      ok = false;
      return "";
    }
  }
  std::string_view token = Trim(authorization.substr(kScheme.size()));
  if (token.empty() || token.size() > 256 || !TokenChars(token)) {
    ok = false;
    return "";
  }
  return std::string(token);
}

bool IsTrustedProxy(std::string_view remote, const std::vector<std::string>& proxies) {
  return std::find(proxies.begin(), proxies.end(), remote) != proxies.end();
}

std::string ClientAddress(std::string_view remote, std::string_view forwarded_for,
                          const std::vector<std::string>& proxies) {
  if (forwarded_for.empty() || !IsTrustedProxy(remote, proxies)) return std::string(remote);
  const size_t comma = forwarded_for.rfind(',');
  std::string_view last = Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
  // What a proxy forwards is still client-controlled text; only something shaped like an
  // IPv4 or IPv6 address may reach the audit trail and the throttle's keys.
  const bool address_chars = std::all_of(last.begin(), last.end(), [](unsigned char c) {
    return std::isxdigit(c) || c == '.' || c == ':' || c == '[' || c == ']';
  });
  if (last.empty() || last.size() > 64 || !address_chars) return std::string(remote);
  return std::string(last);
}

}  // namespace dxgov::api
