#include "codec/report_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"

namespace dxgov::codec {

namespace json = boost::json;
using internal::Absorb;
using internal::Finish;
using internal::OptDate;
using internal::OptStr;
using internal::Reader;

json::object ToJson(const ReportCycle& c) {
  json::array kinds;
  for (auto k : c.respondent_kinds) kinds.push_back(json::value(UnitKindName(k)));
  json::array sections;
  for (const auto& s : c.sections) sections.push_back(json::object{{"key", s.key}, {"title", s.title}});
  return json::object{{"id", c.id},
                      {"title", c.title},
                      {"period", FormatPeriod(c.period)},
                      {"period_label", FormatPeriodVi(c.period)},
                      {"opens_on", OptDate(c.opens_on)},
                      {"due", FormatIso(c.due)},
                      {"respondents", json::object{{"units", json::value_from(c.respondent_units)},
                                                   {"kinds", std::move(kinds)}}},
                      {"plans", json::value_from(c.plan_ids)},
                      {"indicators", json::value_from(c.indicators)},
                      {"sections", std::move(sections)},
                      {"state", CycleStateName(c.state)},
                      {"created_by", OptStr(c.created_by)},
                      {"revision", c.version},
                      {"created_at", OptStr(c.created_at)},
                      {"updated_at", OptStr(c.updated_at)}};
}

namespace {

template <typename T, typename Read>
std::vector<T> ListOf(Reader& r, std::string_view key, size_t max, std::vector<FieldError>& errs, Read read) {
  std::vector<T> out;
  if (const json::array* a = r.Array(key, max))
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string path = r.Path(key) + "/" + std::to_string(i);
      if (auto v = read((*a)[i], path)) out.push_back(std::move(*v));
      else errs.push_back({path, "malformed"});
    }
  return out;
}

std::optional<std::string> StringItem(const json::value& v, const std::string&) {
  if (!v.is_string()) return std::nullopt;
  return std::string(v.get_string());
}

}  // namespace

Result<ReportCycle> CycleFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  ReportCycle c;
  if (!r.ok()) return Finish(c, errs, "Kỳ báo cáo không hợp lệ", "invalid report cycle");
  c.id = r.Int("id", 0, INT64_MAX).value_or(0);
  c.title = r.Text("title", true, 1000);
  if (auto p = r.Str("period", true, 20)) {
    if (auto parsed = ParsePeriod(*p)) c.period = *parsed;
    else if (auto vi = ParsePeriodVi(*p)) c.period = *vi;
    else errs.push_back({r.Path("period"), "a period: 2022-Q3, 2022-09, 2022 or Quý III/2022"});
  }
  c.opens_on = r.DateAt("opens_on");
  if (auto due = r.DateAt("due", true)) c.due = *due;
  if (const json::value* resp = r.Get("respondents", true)) {
    Reader rr(*resp, r.Path("respondents"), errs, mode);
    c.respondent_units = ListOf<std::string>(rr, "units", 5000, errs, StringItem);
    c.respondent_kinds = ListOf<UnitKind>(rr, "kinds", 20, errs, [](const json::value& x, const std::string&) {
      return x.is_string() ? ParseUnitKind(x.get_string()) : std::nullopt;
    });
    rr.Finish();
  }
  c.plan_ids = ListOf<int64_t>(r, "plans", 100, errs, [](const json::value& x, const std::string&) -> std::optional<int64_t> {
    if (x.is_int64() && x.get_int64() > 0) return x.get_int64();
    return std::nullopt;
  });
  c.indicators = ListOf<std::string>(r, "indicators", 500, errs, StringItem);
  if (const json::array* ss = r.Array("sections", 50)) {
    for (size_t i = 0; i < ss->size(); ++i) {
      Reader sr((*ss)[i], r.Path("sections") + "/" + std::to_string(i), errs, mode);
      ReportSection s;
      s.key = sr.Str("key", true, 40).value_or("");
      s.title = sr.Text("title", true, 500);
      sr.Finish();
      c.sections.push_back(std::move(s));
    }
  } else if (!r.Has("sections")) {
    c.sections = DefaultReportSections();
  }
  if (auto st = r.Str("state", false, 16)) {
    auto parsed = ParseCycleState(*st);
    if (!parsed) errs.push_back({r.Path("state"), "one of draft|open|closed"});
    c.state = parsed.value_or(CycleState::kDraft);
  }
  c.created_by = r.Str("created_by", false, 200).value_or("");
  c.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  c.created_at = r.Str("created_at", false, 40).value_or("");
  c.updated_at = r.Str("updated_at", false, 40).value_or("");
  for (const char* ro : {"period_label", "respondent_count", "counts"}) r.Ignore(ro);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateCycle(c);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(c, errs, "Kỳ báo cáo không hợp lệ", "invalid report cycle");
}

json::object ToJson(const Submission& s) {
  json::array tasks;
  for (const auto& t : s.tasks)
    tasks.push_back(json::object{
        {"task", t.task_id},
        {"status", t.status ? json::value(TaskStatusName(*t.status)) : json::value(nullptr)},
        {"percent", t.percent ? json::value(*t.percent) : json::value(nullptr)},
        {"completed_on", OptDate(t.completed_on)},
        {"narrative", t.narrative}});
  json::array indicators;
  for (const auto& i : s.indicators)
    indicators.push_back(json::object{{"indicator", i.indicator},
                                      {"value", i.value ? json::value(*i.value) : json::value(nullptr)},
                                      {"estimated", i.estimated},
                                      {"note", i.note}});
  json::object sections;
  for (const auto& [k, text] : s.sections) sections[k] = text;
  return json::object{{"id", s.id},
                      {"cycle", s.cycle_id},
                      {"unit", s.unit_id},
                      {"state", SubmissionStateName(s.state)},
                      {"state_label", SubmissionStateLabelVi(s.state)},
                      {"tasks", std::move(tasks)},
                      {"indicators", std::move(indicators)},
                      {"sections", std::move(sections)},
                      {"round", s.round},
                      {"submitted_at", OptStr(s.submitted_at)},
                      {"submitted_by", OptStr(s.submitted_by)},
                      {"first_submitted_at", OptStr(s.first_submitted_at)},
                      {"reviewed_at", OptStr(s.reviewed_at)},
                      {"reviewed_by", OptStr(s.reviewed_by)},
                      {"return_reason", OptStr(s.return_reason)},
                      {"revision", s.version},
                      {"created_at", OptStr(s.created_at)},
                      {"updated_at", OptStr(s.updated_at)}};
}

Result<Submission> SubmissionFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Submission s;
  if (!r.ok()) return Finish(s, errs, "Báo cáo không hợp lệ", "invalid submission");
  if (const json::array* ts = r.Array("tasks", 5000)) {
    for (size_t i = 0; i < ts->size(); ++i) {
      Reader tr((*ts)[i], r.Path("tasks") + "/" + std::to_string(i), errs, mode);
      TaskReport t;
      t.task_id = tr.Int("task", 1, INT64_MAX, true).value_or(0);
      if (auto st = tr.Str("status", false, 32)) {
        t.status = ParseTaskStatus(*st);
        if (!t.status) errs.push_back({tr.Path("status"), "one of not_started|in_progress|done|paused|cancelled"});
      }
      if (auto p = tr.Int("percent", 0, 100)) t.percent = static_cast<int>(*p);
      t.completed_on = tr.DateAt("completed_on");
      t.narrative = tr.Str("narrative", false, 100000).value_or("");
      tr.Finish();
      s.tasks.push_back(std::move(t));
    }
  }
  if (const json::array* is = r.Array("indicators", 500)) {
    for (size_t i = 0; i < is->size(); ++i) {
      Reader ir((*is)[i], r.Path("indicators") + "/" + std::to_string(i), errs, mode);
      IndicatorReport x;
      x.indicator = ir.Str("indicator", true, 32).value_or("");
      x.value = ir.Num("value");
      x.estimated = ir.Bool("estimated").value_or(false);
      x.note = ir.Str("note", false, 4000).value_or("");
      ir.Finish();
      s.indicators.push_back(std::move(x));
    }
  }
  if (const json::value* secs = r.Get("sections")) {
    if (!secs->is_object()) {
      errs.push_back({r.Path("sections"), "must be an object of section key -> text"});
    } else {
      for (const auto& kv : secs->get_object()) {
        if (!kv.value().is_string()) errs.push_back({r.Path("sections") + "/" + std::string(kv.key()), "must be text"});
        else s.sections[std::string(kv.key())] = std::string(kv.value().get_string());
      }
    }
  }
  if (mode == ReadMode::kStored) {
    s.id = r.Int("id", 0, INT64_MAX).value_or(0);
    s.cycle_id = r.Int("cycle", 0, INT64_MAX).value_or(0);
    s.unit_id = r.Str("unit").value_or("");
    s.state = ParseSubmissionState(r.Str("state").value_or("")).value_or(SubmissionState::kDraft);
    s.round = static_cast<int>(r.Int("round", 0, 1000000).value_or(0));
    s.submitted_at = r.Str("submitted_at").value_or("");
    s.submitted_by = r.Str("submitted_by").value_or("");
    s.first_submitted_at = r.Str("first_submitted_at").value_or("");
    s.reviewed_at = r.Str("reviewed_at").value_or("");
    s.reviewed_by = r.Str("reviewed_by").value_or("");
    s.return_reason = r.Str("return_reason").value_or("");
    s.version = r.Int("revision", 0, INT64_MAX).value_or(0);
    s.created_at = r.Str("created_at").value_or("");
    s.updated_at = r.Str("updated_at").value_or("");
  }
  // What the server sets is never taken from a client; a client may send back what it read.
  for (const char* ro : {"id", "cycle", "unit", "state", "state_label", "round", "submitted_at", "submitted_by",
                         "first_submitted_at", "reviewed_at", "reviewed_by", "return_reason", "revision",
                         "created_at", "updated_at", "due", "response"})
    r.Ignore(ro);
  r.Finish();
  return Finish(s, errs, "Báo cáo không hợp lệ", "invalid submission");
}

}  // namespace dxgov::codec
