// Reading a route's query parameters with precise errors: each route names the parameters
// it accepts, reads each as text, integer, date, boolean or list, and finally asks for the
// problems — every unknown, repeated or malformed parameter at once, each as a field error
// "/query/<name>". No JSON, no HTTP: the routes turn the Error into a 400.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/request_target.h"
#include "core/date.h"
#include "core/status.h"

namespace dxgov::api {

class QueryParams {
 public:
  // REQUIRES: `query` outlives nothing here (values are copied).
  QueryParams(const QueryPairs& query, std::initializer_list<const char*> allowed);

  // The value as NFC text; nullopt when absent, or when it is not UTF-8 or longer than
  // 1,000 bytes (recorded as a problem).
  std::optional<std::string> Str(const std::string& key);
  // A decimal integer in [lo, hi]; anything else is a problem.
  std::optional<int64_t> Int(const std::string& key, int64_t lo, int64_t hi);
  // A date YYYY-MM-DD.
  std::optional<Date> DateP(const std::string& key);
  // true|1|false|0; absent is false.
  bool Bool(const std::string& key);
  // Comma-separated values each accepted by `parse` (std::optional<T>(const std::string&));
  // a rejected item is a problem naming it and `allowed`.
  template <typename T, typename F>
  std::vector<T> List(const std::string& key, F parse, const char* allowed) {
    std::vector<T> out;
    auto s = Str(key);
    if (!s) return out;
    size_t start = 0;
    while (start <= s->size()) {
      size_t comma = s->find(',', start);
      if (comma == std::string::npos) comma = s->size();
      std::string item = s->substr(start, comma - start);
      auto v = parse(item);
      if (!v) Fail("/query/" + key, "'" + item + "' is not one of " + allowed);
      else out.push_back(*v);
      start = comma + 1;
    }
    return out;
  }
  // limit (1..kMaxLimit, default kDefaultLimit) and offset (>= 0, default 0).
  void Page(int& limit, int64_t& offset);
  // Records a problem found by the route itself (e.g. a range given backwards).
  void Fail(std::string path, std::string reason);

  // An kInvalidArgument error naming every unknown or malformed parameter; nullopt when
  // all were fine.
  std::optional<Error> Problems() const;

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> unknown_;
  std::vector<FieldError> errs_;
};

}  // namespace dxgov::api
