// The JSON reader every decoder in dxgov::codec shares: reads one object member by member,
// collecting precise field errors (JSON pointer + reason), and reports members nobody
// asked for. Private to the codec library.
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "core/date.h"
#include "core/plan.h"
#include "core/status.h"
#include "text/vn_text.h"

namespace dxgov::codec::internal {
namespace json = boost::json;

// Reads one JSON object member by member, collecting precise field errors, and reports
// members nobody asked for.
class Reader {
 public:
  Reader(const json::value& v, std::string path, std::vector<FieldError>& errs, ReadMode mode = ReadMode::kStrict)
      : path_(std::move(path)), errs_(errs), mode_(mode) {
    if (!v.is_object()) {
      errs_.push_back({path_.empty() ? "/" : path_, "must be an object"});
    } else {
      obj_ = &v.get_object();
    }
  }
  bool ok() const { return obj_ != nullptr; }
  std::string Path(std::string_view key) const { return path_ + "/" + std::string(key); }

  const json::value* Get(std::string_view key, bool required = false) {
    See(key);
    if (!obj_) return nullptr;
    auto it = obj_->find(key);
    if (it == obj_->end() || it->value().is_null()) {
      if (required) errs_.push_back({Path(key), "required"});
      return nullptr;
    }
    return &it->value();
  }
  bool Has(std::string_view key) const { return obj_ && obj_->contains(key); }
  void Ignore(std::string_view key) { See(key); }

  std::optional<std::string> Str(std::string_view key, bool required = false, size_t max_bytes = 100000) {
    const json::value* v = Get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      errs_.push_back({Path(key), "must be a string"});
      return std::nullopt;
    }
    std::string_view s = v->get_string();
    if (mode_ == ReadMode::kStored) return std::string(s);
    if (s.size() > max_bytes) {
      errs_.push_back({Path(key), "at most " + std::to_string(max_bytes) + " bytes"});
      return std::nullopt;
    }
    if (!text::IsValidUtf8(s)) {
      errs_.push_back({Path(key), "must be valid UTF-8"});
      return std::nullopt;
    }
    return text::Nfc(s);
  }
  // A text field whose whitespace runs collapse to single spaces (checked input only).
  std::string Text(std::string_view key, bool required, size_t max_bytes) {
    auto s = Str(key, required, max_bytes);
    if (!s) return "";
    return mode_ == ReadMode::kStored ? std::move(*s) : text::CollapseWhitespace(*s);
  }
  ReadMode mode() const { return mode_; }
  std::optional<int64_t> Int(std::string_view key, int64_t lo, int64_t hi, bool required = false) {
    const json::value* v = Get(key, required);
    if (!v) return std::nullopt;
    int64_t out;
    if (v->is_int64()) {
      out = v->get_int64();
    } else if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
      out = static_cast<int64_t>(v->get_uint64());
    } else if (v->is_double() && std::floor(v->get_double()) == v->get_double() && std::fabs(v->get_double()) < 9e15) {
      out = static_cast<int64_t>(v->get_double());
    } else {
      errs_.push_back({Path(key), "must be an integer"});
      return std::nullopt;
    }
    if (out < lo || out > hi) {
      errs_.push_back({Path(key), "must be between " + std::to_string(lo) + " and " + std::to_string(hi)});
      return std::nullopt;
    }
    return out;
  }
  std::optional<double> Num(std::string_view key, bool required = false) {
    const json::value* v = Get(key, required);
    if (!v) return std::nullopt;
    if (v->is_number()) {
      double d = v->to_number<double>();
      if (std::isfinite(d)) return d;
    }
    errs_.push_back({Path(key), "must be a number"});
    return std::nullopt;
  }
  std::optional<bool> Bool(std::string_view key) {
    const json::value* v = Get(key);
    if (!v) return std::nullopt;
    if (!v->is_bool()) {
      errs_.push_back({Path(key), "must be true or false"});
      return std::nullopt;
    }
    return v->get_bool();
  }
  std::optional<Date> DateAt(std::string_view key, bool required = false) {
    auto s = Str(key, required, 32);
    if (!s) return std::nullopt;
    auto d = ParseIsoDate(*s);
    if (!d) errs_.push_back({Path(key), "must be a date YYYY-MM-DD"});
    return d;
  }
  const json::array* Array(std::string_view key, size_t max_items = 10000) {
    const json::value* v = Get(key);
    if (!v) return nullptr;
    if (!v->is_array()) {
      errs_.push_back({Path(key), "must be an array"});
      return nullptr;
    }
    if (v->get_array().size() > max_items) {
      errs_.push_back({Path(key), "at most " + std::to_string(max_items) + " items"});
      return nullptr;
    }
    return &v->get_array();
  }
  // Reports members that were never asked for.
  void Finish() {
    if (!obj_) return;
    for (const auto& kv : *obj_)
      if (std::find(seen_.begin(), seen_.end(), std::string_view(kv.key())) == seen_.end()) errs_.push_back({Path(kv.key()), "unknown field"});
  }

 private:
  const json::object* obj_ = nullptr;
  std::string path_;
  std::vector<FieldError>& errs_;
  // The keys asked for: a dozen short names, searched linearly (bulk batches read
  // thousands of small objects, where a node-based set cost more than the rest of the read).
  void See(std::string_view key) {
    if (std::find(seen_.begin(), seen_.end(), key) == seen_.end()) seen_.emplace_back(key);
  }
  std::vector<std::string> seen_;
  ReadMode mode_;
};

template <typename T>
Result<T> Finish(T value, std::vector<FieldError>& errs, const char* vi, const char* en) {
  if (errs.empty()) return value;
  return Error(ErrorCode::kInvalidArgument, vi, en, std::move(errs));
}

inline void Absorb(std::vector<FieldError>& errs, const Error& e) {
  for (const auto& f : e.fields()) errs.push_back(f);
  if (e.fields().empty()) errs.push_back({"", e.message_en()});
}

inline json::value OptDate(const std::optional<Date>& d) { return d ? json::value(FormatIso(*d)) : json::value(nullptr); }
inline json::value OptStr(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

// Where a record came from: {"file": ..., "lines": [first, last]}, or null.
inline json::value SourceToJson(const std::optional<SourceRef>& s) {
  if (!s) return nullptr;
  return json::object{{"file", s->file}, {"lines", json::array{s->line_from, s->line_to}}};
}

inline std::optional<SourceRef> SourceFromJson(Reader& r, std::vector<FieldError>& errs) {
  const json::value* v = r.Get("source");
  if (!v) return std::nullopt;
  Reader s(*v, r.Path("source"), errs, r.mode());
  SourceRef out;
  out.file = s.Str("file", true, 1000).value_or("");
  if (const json::array* lines = s.Array("lines", 2)) {
    if (lines->size() == 2 && (*lines)[0].is_int64() && (*lines)[1].is_int64()) {
      out.line_from = static_cast<int>((*lines)[0].get_int64());
      out.line_to = static_cast<int>((*lines)[1].get_int64());
    } else {
      errs.push_back({r.Path("source") + "/lines", "must be [first, last]"});
    }
  }
  s.Finish();
  return out;
}

}  // namespace dxgov::codec::internal
