// The pieces of HTTP that carry identity, as plain string functions (no Beast, no JSON) so
// that they can be tested and fuzzed alone: cookies, bearer tokens, the client's address
// and scheme behind a trusted reverse proxy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dxgov::api {

inline constexpr std::string_view kSessionCookieName = "dxgov_session";
// API token secrets look like "dxt_" + 43 URL-safe base64 characters.
inline constexpr std::string_view kTokenPrefix = "dxt_";

// The value of cookie `name` in a Cookie header ("a=1; dxgov_session=xyz"); "" if absent
// or malformed. Only the first occurrence counts.
std::string CookieValue(std::string_view header, std::string_view name);

// A Set-Cookie value for the session: HttpOnly, SameSite=Strict, Path=/, Secure when asked.
// max_age_s = 0 clears the cookie.
std::string SessionSetCookie(std::string_view value, bool secure, int64_t max_age_s);

// The token of an "Authorization: Bearer <token>" header; "" when the header is absent.
// `ok` is false when the header is present but not a well-formed bearer credential.
std::string BearerToken(std::string_view authorization, bool& ok);

// True when `remote` is one of the configured proxies (exact address match).
bool IsTrustedProxy(std::string_view remote, const std::vector<std::string>& proxies);

// The client's address: the last X-Forwarded-For hop when the peer is a trusted proxy and
// that hop looks like an IP address (hex digits, '.', ':', brackets; at most 64 bytes),
// otherwise the peer itself.
std::string ClientAddress(std::string_view remote, std::string_view forwarded_for,
                          const std::vector<std::string>& proxies);

}  // namespace dxgov::api
