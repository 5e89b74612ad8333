#include "codec/session_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"
#include "text/vn_text.h"

namespace dxgov::codec {

namespace json = boost::json;
using internal::Absorb;
using internal::Finish;
using internal::OptDate;
using internal::OptStr;
using internal::Reader;
using internal::SourceFromJson;
using internal::SourceToJson;

json::object ToJson(const CommitteeSession& s) {
  json::array agenda, documents;
  for (const auto& a : s.agenda)
    agenda.push_back(json::object{{"time", OptStr(a.time)}, {"title", a.title}, {"presenter", OptStr(a.presenter)}});
  for (const auto& d : s.documents) documents.push_back(json::object{{"title", d.title}, {"reference", OptStr(d.reference)}});
  return json::object{{"id", s.id},
                      {"committee", s.committee_id},
                      {"number", s.number},
                      {"title", s.title},
                      {"kind", SessionKindName(s.kind)},
                      {"kind_label", SessionKindLabelVi(s.kind)},
                      {"kind_label_en", SessionKindLabelEn(s.kind)},
                      {"year", s.year},
                      {"month", s.month},
                      {"date", OptDate(s.date)},
                      {"time", OptStr(s.time)},
                      {"place", OptStr(s.place)},
                      {"chair", OptStr(s.chair)},
                      {"agenda", std::move(agenda)},
                      {"documents", std::move(documents)},
                      {"state", CommitteeSessionStateName(s.state)},
                      {"state_label", CommitteeSessionStateLabelVi(s.state)},
                      {"plan_id", s.plan_id ? json::value(*s.plan_id) : json::value(nullptr)},
                      {"conclusions", json::value_from(s.conclusion_plan_ids)},
                      {"source", SourceToJson(s.source)},
                      {"revision", s.version},
                      {"created_at", OptStr(s.created_at)},
                      {"updated_at", OptStr(s.updated_at)}};
}

Result<CommitteeSession> SessionFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  CommitteeSession s;
  constexpr const char* kVi = "Phiên họp không hợp lệ";
  constexpr const char* kEn = "invalid session";
  if (!r.ok()) return Finish(s, errs, kVi, kEn);
  s.id = r.Int("id", 0, INT64_MAX).value_or(0);
  s.committee_id = r.Str("committee", true, 64).value_or("");
  s.number = static_cast<int>(r.Int("number", 0, 1000).value_or(0));
  s.title = r.Text("title", true, 1000);
  if (auto k = r.Str("kind", false, 32)) {
    auto parsed = ParseSessionKind(*k);
    if (!parsed) errs.push_back({r.Path("kind"), "one of regular|six_month_review|annual_review|thematic"});
    s.kind = parsed.value_or(SessionKind::kRegular);
  }
  s.year = static_cast<int>(r.Int("year", 2000, 2100, true).value_or(0));
  s.month = static_cast<int>(r.Int("month", 1, 12, true).value_or(0));
  s.date = r.DateAt("date");
  s.time = r.Text("time", false, 40);
  s.place = r.Text("place", false, 500);
  s.chair = r.Text("chair", false, 500);
  if (const json::array* a = r.Array("agenda", 200)) {
    for (size_t i = 0; i < a->size(); ++i) {
      Reader ar((*a)[i], r.Path("agenda") + "/" + std::to_string(i), errs, mode);
      AgendaItem item;
      item.time = ar.Text("time", false, 40);
      item.title = ar.Text("title", true, 2000);
      item.presenter = ar.Text("presenter", false, 1000);
      ar.Finish();
      s.agenda.push_back(std::move(item));
    }
  }
  if (const json::array* a = r.Array("documents", 200)) {
    for (size_t i = 0; i < a->size(); ++i) {
      Reader dr((*a)[i], r.Path("documents") + "/" + std::to_string(i), errs, mode);
      SessionDocument d;
      d.title = dr.Text("title", true, 2000);
      d.reference = dr.Text("reference", false, 1000);
      dr.Finish();
      s.documents.push_back(std::move(d));
    }
  }
  if (auto st = r.Str("state", false, 16)) {
    auto parsed = ParseCommitteeSessionState(*st);
    if (!parsed) errs.push_back({r.Path("state"), "one of planned|held|cancelled"});
    s.state = parsed.value_or(CommitteeSessionState::kPlanned);
  }
  if (auto p = r.Int("plan_id", 1, INT64_MAX)) s.plan_id = *p;
  if (mode == ReadMode::kStored) {
    if (const json::array* c = r.Array("conclusions", 1000))
      for (const auto& x : *c)
        if (x.is_int64()) s.conclusion_plan_ids.push_back(x.get_int64());
  } else {
    r.Ignore("conclusions");
  }
  s.source = SourceFromJson(r, errs);
  s.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  s.created_at = r.Str("created_at", false, 40).value_or("");
  s.updated_at = r.Str("updated_at", false, 40).value_or("");
  for (const char* ro : {"kind_label", "kind_label_en", "state_label", "notices", "committee_name", "as_of"}) r.Ignore(ro);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto st = ValidateSession(s);
    if (!st.ok()) Absorb(errs, st.error());
  }
  return Finish(s, errs, kVi, kEn);
}

Result<ConclusionsNotice> NoticeFromJson(const json::value& v, const std::string& path) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs);
  ConclusionsNotice n;
  constexpr const char* kVi = "Thông báo kết luận không hợp lệ";
  constexpr const char* kEn = "invalid conclusions notice";
  if (!r.ok()) return Finish(n, errs, kVi, kEn);
  n.plan.kind = "conclusions";
  n.plan.decision_number = r.Text("number", true, 100);
  n.plan.decision_date = r.DateAt("date", true);
  n.plan.issuer_id = r.Str("issuer", true, 64).value_or("");
  n.plan.title = r.Text("title", true, 2000);
  n.plan.published = r.Bool("published").value_or(true);
  n.plan.key = r.Str("key", false, 200).value_or("");
  if (n.plan.key.empty() && !n.plan.decision_number.empty() && n.plan.decision_date)
    n.plan.key = text::Slug(n.plan.decision_number + " " + std::to_string(YearOf(*n.plan.decision_date)));
  const json::array* items = r.Array("items", 500);
  if (!items || items->empty()) errs.push_back({r.Path("items"), "at least one item"});
  for (size_t i = 0; items && i < items->size(); ++i) {
    const std::string ipath = r.Path("items") + "/" + std::to_string(i);
    if (!(*items)[i].is_object()) {
      errs.push_back({ipath, "must be an object"});
      continue;
    }
    // Each item is a task of the notice: the notice supplies its plan, number and section.
    json::object item = (*items)[i].get_object();
    for (const char* own : {"plan_id", "id", "revision"})
      if (item.contains(own)) errs.push_back({ipath + "/" + own, "set by the notice"});
    item["plan_id"] = 1;  // a placeholder for the reader; the plan's id comes when stored
    if (!item.contains("number")) item["number"] = std::to_string(i + 1);
    auto task = TaskFromJson(item, ipath);
    if (!task.ok()) {
      Absorb(errs, task.error());
      continue;
    }
    Task t = std::move(task).value();
    t.plan_id = 0;
    t.ordinal = static_cast<int>(i) + 1;
    n.tasks.push_back(std::move(t));
  }
  r.Finish();
  return Finish(n, errs, kVi, kEn);
}

}  // namespace dxgov::codec
