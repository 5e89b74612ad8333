#include "api/query_params.h"

#include <charconv>
#include <set>

#include "core/query.h"
#include "text/vn_text.h"

namespace dxgov::api {

QueryParams::QueryParams(const QueryPairs& query, std::initializer_list<const char*> allowed) {
  const std::set<std::string> ok(allowed.begin(), allowed.end());
  for (const auto& [k, v] : query) {
    if (!ok.count(k)) {
      unknown_.push_back(k);
      continue;
    }
    if (values_.count(k)) errs_.push_back({"/query/" + k, "given more than once"});
    values_[k] = v;
  }
}

std::optional<std::string> QueryParams::Str(const std::string& key) {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  if (it->second.size() > 1000 || !text::IsValidUtf8(it->second)) {
    errs_.push_back({"/query/" + key, "must be valid UTF-8 of at most 1000 bytes"});
    return std::nullopt;
  }
  return text::Nfc(it->second);
}

std::optional<int64_t> QueryParams::Int(const std::string& key, int64_t lo, int64_t hi) {
  auto s = Str(key);
  if (!s) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || p != s->data() + s->size() || v < lo || v > hi) {
    std::string reason = "must be an integer ";
    reason.append(std::to_string(lo)).append("..").append(std::to_string(hi));
    errs_.push_back({"/query/" + key, std::move(reason)});
    return std::nullopt;
  }
  return v;
}

std::optional<Date> QueryParams::DateP(const std::string& key) {
  auto s = Str(key);
  if (!s) return std::nullopt;
  auto d = ParseIsoDate(*s);
  if (!d) errs_.push_back({"/query/" + key, "must be a date YYYY-MM-DD"});
  return d;
}

bool QueryParams::Bool(const std::string& key) {
  auto s = Str(key);
  if (!s) return false;
  if (*s == "true" || *s == "1") return true;
  if (*s != "false" && *s != "0") errs_.push_back({"/query/" + key, "must be true or false"});
  return false;
}

void QueryParams::Page(int& limit, int64_t& offset) {
  limit = static_cast<int>(Int("limit", 1, kMaxLimit).value_or(kDefaultLimit));
  offset = Int("offset", 0, INT64_MAX / 2).value_or(0);
}

void QueryParams::Fail(std::string path, std::string reason) { errs_.push_back({std::move(path), std::move(reason)}); }

std::optional<Error> QueryParams::Problems() const {
  if (unknown_.empty() && errs_.empty()) return std::nullopt;
  std::vector<FieldError> fields = errs_;
  std::string names;
  for (const auto& u : unknown_) {
    fields.push_back({"/query/" + u, "unknown parameter"});
    if (!names.empty()) names += ", ";
    names += u;
  }
  if (unknown_.empty())
    return Error(ErrorCode::kInvalidArgument, "Tham số truy vấn không hợp lệ", "invalid query parameters",
                 std::move(fields));
  return Error(ErrorCode::kInvalidArgument, "Tham số truy vấn không được hỗ trợ: " + names,
               "unknown query parameters: " + names, std::move(fields));
}

}  // namespace dxgov::api
