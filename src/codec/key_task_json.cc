#include "codec/key_task_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"

namespace dxgov::codec {

namespace json = boost::json;
using internal::Absorb;
using internal::Finish;
using internal::OptStr;
using internal::Reader;

namespace {

constexpr const char* kInvalidVi = "Nhiệm vụ trọng điểm không hợp lệ";
constexpr const char* kInvalidEn = "invalid key task";

std::vector<RoadmapStep> ReadSteps(Reader& r, std::vector<FieldError>& errs, ReadMode mode) {
  std::vector<RoadmapStep> out;
  if (const json::array* a = r.Array("roadmap", 12)) {
    for (size_t i = 0; i < a->size(); ++i) {
      Reader sr((*a)[i], r.Path("roadmap") + "/" + std::to_string(i), errs, mode);
      RoadmapStep s;
      s.month = static_cast<int>(sr.Int("month", 1, 12, true).value_or(0));
      s.expected = sr.Text("expected", true, 4000);
      if (sr.Has("expected") && s.expected.empty() && mode == ReadMode::kStrict) errs.push_back({sr.Path("expected"), "required"});
      sr.Finish();
      out.push_back(std::move(s));
    }
  }
  return out;
}

MonthlyResult ReadResult(Reader& r, std::vector<FieldError>& errs, bool whole) {
  MonthlyResult m;
  if (whole) m.month = static_cast<int>(r.Int("month", 1, 12, true).value_or(0));
  m.actual = r.Text("actual", true, 4000);
  if (r.Has("actual") && m.actual.empty() && r.mode() == ReadMode::kStrict) errs.push_back({r.Path("actual"), "required"});
  if (auto a = r.Str("achieved", true, 16)) {
    auto parsed = ParseAchievement(*a);
    if (!parsed) errs.push_back({r.Path("achieved"), "one of met|partly|not_met"});
    m.achieved = parsed.value_or(Achievement::kMet);
  }
  if (whole) {
    m.reported_by = r.Str("reported_by", false, 200).value_or("");
    m.reported_at = r.Str("reported_at", false, 40).value_or("");
  } else {
    for (const char* ro : {"month", "reported_by", "reported_at"}) r.Ignore(ro);  // the server's
  }
  r.Ignore("achieved_label");
  return m;
}

}  // namespace

json::object ToJson(const KeyTask& k) {
  json::array roadmap, results;
  for (const auto& s : k.roadmap) roadmap.push_back(json::object{{"month", s.month}, {"expected", s.expected}});
  for (const auto& r : k.results)
    results.push_back(json::object{{"month", r.month},
                                   {"actual", r.actual},
                                   {"achieved", AchievementName(r.achieved)},
                                   {"achieved_label", AchievementLabelVi(r.achieved)},
                                   {"reported_by", OptStr(r.reported_by)},
                                   {"reported_at", OptStr(r.reported_at)}});
  return json::object{{"id", k.id},
                      {"plan_id", k.plan_id},
                      {"ordinal", k.ordinal},
                      {"member", k.member},
                      {"unit", k.unit_id},
                      {"title", k.title},
                      {"year", k.year},
                      {"task_id", k.task_id ? json::value(*k.task_id) : json::value(nullptr)},
                      {"roadmap", std::move(roadmap)},
                      {"results", std::move(results)},
                      {"revision", k.version},
                      {"created_at", OptStr(k.created_at)},
                      {"updated_at", OptStr(k.updated_at)}};
}

Result<KeyTask> KeyTaskFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  KeyTask k;
  if (!r.ok()) return Finish(k, errs, kInvalidVi, kInvalidEn);
  k.id = r.Int("id", 0, INT64_MAX).value_or(0);
  k.plan_id = r.Int("plan_id", 1, INT64_MAX, true).value_or(0);
  k.ordinal = static_cast<int>(r.Int("ordinal", 0, 1000).value_or(0));
  k.member = r.Text("member", true, 4000);
  k.unit_id = r.Str("unit", true, 64).value_or("");
  k.title = r.Text("title", true, 4000);
  k.year = static_cast<int>(r.Int("year", 2000, 2100, true).value_or(0));
  if (auto t = r.Int("task_id", 1, INT64_MAX)) k.task_id = *t;
  k.roadmap = ReadSteps(r, errs, mode);
  if (const json::array* a = r.Array("results", 12)) {
    for (size_t i = 0; i < a->size(); ++i) {
      Reader rr((*a)[i], r.Path("results") + "/" + std::to_string(i), errs, mode);
      k.results.push_back(ReadResult(rr, errs, true));
      rr.Finish();
    }
  }
  k.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  k.created_at = r.Str("created_at", false, 40).value_or("");
  k.updated_at = r.Str("updated_at", false, 40).value_or("");
  for (const char* ro : {"standing", "months", "unit_name", "as_of"}) r.Ignore(ro);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateKeyTask(k);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(k, errs, kInvalidVi, kInvalidEn);
}

Result<std::vector<RoadmapStep>> RoadmapFromJson(const json::value& v, const std::string& path) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs);
  std::vector<RoadmapStep> steps;
  if (r.ok()) {
    if (!r.Has("roadmap")) errs.push_back({r.Path("roadmap"), "required"});
    steps = ReadSteps(r, errs, ReadMode::kStrict);
    r.Finish();
  }
  return Finish(steps, errs, "Lộ trình không hợp lệ", "invalid roadmap");
}

Result<MonthlyResult> MonthlyResultFromJson(const json::value& v, const std::string& path) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs);
  MonthlyResult m;
  if (r.ok()) {
    m = ReadResult(r, errs, false);
    r.Finish();
  }
  return Finish(m, errs, "Kết quả tháng không hợp lệ", "invalid monthly result");
}

}  // namespace dxgov::codec
