// Reading the parts of an HTTP request line and headers that the API needs, as plain
// string functions (no Beast, no JSON) so that they can be tested and fuzzed alone.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dxgov::api {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// The decoded path and query of a request target ("/api/tasks?lead=B%E1%BB%99&limit=5").
// REQUIRES: nothing; any bytes are accepted.
// Returns false when the target is malformed: a bad percent escape anywhere, or a path that
// does not start with a literal '/' (origin form). On false, `path` and `query` hold what was read so
// far and must not be used. '+' is a space in the query, not in the path. Empty pairs
// ("a=1&&b=2") are skipped; a key without '=' has an empty value. Decoded bytes are not
// checked for UTF-8 here: the query reader does that per parameter.
bool ParseRequestTarget(std::string_view target, std::string& path, QueryPairs& query);

// Percent-decoding of one component; false on a malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// The media type of a Content-Type header, lower case, without parameters or spaces:
// "Application/JSON; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view content_type);

}  // namespace dxgov::api
