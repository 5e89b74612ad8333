#include "codec/json_codec.h"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <set>

#include "codec/internal/reader.h"
#include "core/indicator.h"
#include "text/vn_text.h"

namespace dxgov::codec {
namespace json = boost::json;
using internal::Reader;
using internal::Finish;
using internal::Absorb;
using internal::OptDate;
using internal::OptStr;
using internal::SourceFromJson;
using internal::SourceToJson;

namespace {

json::value UnitRefToJson(const UnitRef& u) {
  return json::object{{"unit", u.unit_id}, {"as_written", OptStr(u.as_written)}};
}

std::optional<UnitRef> UnitRefFromJson(const json::value& v, const std::string& path, std::vector<FieldError>& errs,
                                       ReadMode mode) {
  UnitRef out;
  std::string id_path = path;
  if (v.is_string()) {  // shorthand: just the unit id
    out.unit_id = std::string(v.get_string());
  } else {
    Reader r(v, path, errs, mode);
    if (!r.ok()) return std::nullopt;
    out.unit_id = r.Str("unit", true, 64).value_or("");
    out.as_written = r.Str("as_written", false, 1000).value_or("");
    r.Ignore("name");
    r.Ignore("name_en");
    r.Finish();
    id_path = path + "/unit";
  }
  // Either form names a unit by its id; anything else is refused here, at the boundary.
  if (mode == ReadMode::kStrict && !out.unit_id.empty() && !IsValidUnitId(out.unit_id)) {
    errs.push_back({id_path, "must be a unit id: 2-64 characters of a-z, 0-9 and '-'"});
    return std::nullopt;
  }
  return out;
}

}  // namespace

Result<json::value> ParseJson(std::string_view text, const std::string& what_path) {
  json::parse_options opt;
  opt.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec, {}, opt);
  if (ec) {
    const bool depth = ec == json::error::too_deep;
    return Error(ErrorCode::kInvalidArgument,
                 depth ? "Dữ liệu JSON lồng nhau quá sâu" : "Dữ liệu gửi lên không phải JSON hợp lệ",
                 depth ? "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"
                       : "malformed JSON: " + ec.message(),
                 {FieldError{what_path.empty() ? "/" : what_path, depth ? "too deeply nested" : "malformed JSON"}});
  }
  return v;
}

json::object ToJson(const Deadline& d) {
  json::object o{{"kind", DeadlineKindName(d.kind)}, {"text", OptStr(d.text)}};
  switch (d.kind) {
    case DeadlineKind::kDate: o["date"] = OptDate(d.date); break;
    case DeadlineKind::kMonth: o["year"] = d.year; o["month"] = d.month; break;
    case DeadlineKind::kQuarter: o["year"] = d.year; o["quarter"] = d.quarter; break;
    case DeadlineKind::kYear: o["year"] = d.year; break;
    case DeadlineKind::kSpan: o["year"] = d.year; o["year_to"] = d.year_to; break;
    case DeadlineKind::kRecurring:
      o["month"] = d.month;
      o["day"] = d.day;
      if (d.year) o["year"] = d.year;
      break;
    case DeadlineKind::kOwnPlan:
      if (!d.unit.empty()) o["unit"] = d.unit;
      break;
  }
  return o;
}

Result<Deadline> DeadlineFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  if (v.is_string()) {  // shorthand: a phrase to parse ("Tháng 6/2022")
    return ParseDeadlineText(v.get_string(), path);
  }
  Reader r(v, path, errs, mode);
  Deadline d;
  if (!r.ok()) return Finish(d, errs, "Thời hạn không hợp lệ", "invalid deadline");
  auto kind = r.Str("kind", false, 32);
  auto text = r.Str("text", false, 1000);
  r.Ignore("due_date");
  r.Ignore("label");
  if (!kind) {
    if (!text) {
      errs.push_back({path + "/kind", "required (or give text to be read)"});
      r.Finish();
      return Finish(d, errs, "Thời hạn không hợp lệ", "invalid deadline");
    }
    r.Finish();
    if (!errs.empty()) return Finish(d, errs, "Thời hạn không hợp lệ", "invalid deadline");
    return ParseDeadlineText(*text, path + "/text");
  }
  auto k = ParseDeadlineKind(*kind);
  if (!k) errs.push_back({path + "/kind", "must be one of date|month|quarter|year|span|recurring|own_plan"});
  d.kind = k.value_or(DeadlineKind::kDate);
  d.text = text.value_or("");
  d.date = r.DateAt("date");
  d.year = static_cast<int>(r.Int("year", 0, 9999).value_or(0));
  d.year_to = static_cast<int>(r.Int("year_to", 0, 9999).value_or(0));
  d.month = static_cast<int>(r.Int("month", 0, 12).value_or(0));
  d.day = static_cast<int>(r.Int("day", 0, 31).value_or(0));
  d.quarter = static_cast<int>(r.Int("quarter", 0, 4).value_or(0));
  d.unit = r.Str("unit", false, 64).value_or("");
  r.Finish();
  if (errs.empty() && k && mode == ReadMode::kStrict) {
    auto s = ValidateDeadline(d, path);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(d, errs, "Thời hạn không hợp lệ", "invalid deadline");
}

json::object ToJson(const Target& t) {
  json::object o{{"kind", TargetKindName(t.kind)},
                 {"value", t.value},
                 {"unit", t.unit},
                 {"comparator", ComparatorName(t.comparator)}};
  if (t.estimated) o["estimated"] = true;
  if (t.value_to) o["value_to"] = *t.value_to;
  o["year"] = t.year ? json::value(t.year) : json::value(nullptr);
  o["scope_unit"] = OptStr(t.scope_unit_id);
  o["qualifier"] = OptStr(t.qualifier);
  o["text"] = OptStr(t.text);
  o["document"] = OptStr(t.document);
  return o;
}

Result<Target> TargetFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Target t;
  if (!r.ok()) return Finish(t, errs, "Chỉ tiêu không hợp lệ", "invalid target");
  if (auto k = r.Str("kind", false, 16)) {
    auto parsed = ParseTargetKind(*k);
    if (!parsed) errs.push_back({path + "/kind", "must be target or baseline"});
    t.kind = parsed.value_or(TargetKind::kTarget);
  }
  t.estimated = r.Bool("estimated").value_or(false);
  t.value = r.Num("value", true).value_or(0);
  if (r.Has("value_to")) t.value_to = r.Num("value_to");
  t.unit = r.Str("unit", true, 32).value_or("");
  auto cmp = r.Str("comparator", true, 16);
  if (cmp) {
    auto c = ParseComparator(*cmp);
    if (!c) errs.push_back({path + "/comparator", "must be one of ge|gt|le|lt|eq|range|top"});
    t.comparator = c.value_or(Comparator::kGe);
  }
  t.year = static_cast<int>(r.Int("year", 0, 2200).value_or(0));
  t.scope_unit_id = r.Str("scope_unit", false, 64).value_or("");
  t.qualifier = r.Str("qualifier", false, 2000).value_or("");
  t.text = r.Str("text", false, 2000).value_or("");
  t.document = r.Str("document", false, 200).value_or("");
  r.Ignore("label");
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateTarget(t, path);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(t, errs, "Chỉ tiêu không hợp lệ", "invalid target");
}

json::object ToJson(const Unit& u) {
  json::array versions;
  for (const auto& v : u.versions) {
    versions.push_back(json::object{{"valid_from", OptDate(v.valid_from)}, {"valid_to", OptDate(v.valid_to)},
                                    {"name", v.name}, {"kind", UnitKindName(v.kind)}, {"code", OptStr(v.code)},
                                    {"parent", OptStr(v.parent_id)}, {"note", OptStr(v.note)}});
  }
  json::array successors;
  for (const auto& s : u.successors)
    successors.push_back(json::object{{"unit", s.unit_id}, {"date", FormatIso(s.date)}, {"note", OptStr(s.note)}});
  json::object o{{"id", u.id}, {"valid_from", OptDate(u.valid_from)}, {"valid_to", OptDate(u.valid_to)},
                 {"versions", std::move(versions)}, {"aliases", json::value_from(u.aliases)},
                 {"successors", std::move(successors)}, {"subkind", OptStr(u.subkind)}};
  if (!u.member_kinds.empty() || !u.members.empty()) {
    json::array kinds;
    for (auto k : u.member_kinds) kinds.push_back(json::value(UnitKindName(k)));
    o["member_kinds"] = std::move(kinds);
    o["members"] = json::value_from(u.members);
  }
  return o;
}

Result<Unit> UnitFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Unit u;
  if (!r.ok()) return Finish(u, errs, "Đơn vị không hợp lệ", "invalid unit");
  u.id = r.Str("id", true, 64).value_or("");
  u.valid_from = r.DateAt("valid_from");
  u.valid_to = r.DateAt("valid_to");
  u.subkind = r.Str("subkind", false, 32).value_or("");
  if (const json::array* vs = r.Array("versions", 1000)) {
    for (size_t i = 0; i < vs->size(); ++i) {
      Reader vr((*vs)[i], path + "/versions/" + std::to_string(i), errs, mode);
      if (!vr.ok()) continue;
      UnitVersion ver;
      ver.valid_from = vr.DateAt("valid_from");
      ver.valid_to = vr.DateAt("valid_to");
      ver.name = vr.Text("name", true, 1000);
      if (auto k = vr.Str("kind", true, 32)) {
        auto kind = ParseUnitKind(*k);
        if (!kind) errs.push_back({vr.Path("kind"), "unknown unit kind"});
        ver.kind = kind.value_or(UnitKind::kOrganisation);
      }
      ver.code = vr.Str("code", false, 32).value_or("");
      ver.parent_id = vr.Str("parent", false, 64).value_or("");
      ver.note = vr.Str("note", false, 2000).value_or("");
      vr.Ignore("kind_label");
      vr.Finish();
      u.versions.push_back(std::move(ver));
    }
  } else if (!r.Has("versions")) {
    errs.push_back({path + "/versions", "required"});
  }
  if (const json::array* as = r.Array("aliases", 1000)) {
    for (size_t i = 0; i < as->size(); ++i) {
      if (!(*as)[i].is_string()) {
        errs.push_back({path + "/aliases/" + std::to_string(i), "must be a string"});
        continue;
      }
      u.aliases.push_back(text::Nfc((*as)[i].get_string()));
    }
  }
  if (const json::array* ss = r.Array("successors", 100)) {
    for (size_t i = 0; i < ss->size(); ++i) {
      Reader sr((*ss)[i], path + "/successors/" + std::to_string(i), errs, mode);
      if (!sr.ok()) continue;
      Successor s;
      s.unit_id = sr.Str("unit", true, 64).value_or("");
      s.date = sr.DateAt("date", true).value_or(Date{});
      s.note = sr.Str("note", false, 2000).value_or("");
      sr.Finish();
      u.successors.push_back(std::move(s));
    }
  }
  if (const json::array* ks = r.Array("member_kinds", 20)) {
    for (size_t i = 0; i < ks->size(); ++i) {
      auto k = (*ks)[i].is_string() ? ParseUnitKind((*ks)[i].get_string()) : std::nullopt;
      if (!k) errs.push_back({path + "/member_kinds/" + std::to_string(i), "unknown unit kind"});
      else u.member_kinds.push_back(*k);
    }
  }
  if (const json::array* ms = r.Array("members", 10000)) {
    for (size_t i = 0; i < ms->size(); ++i) {
      if (!(*ms)[i].is_string()) errs.push_back({path + "/members/" + std::to_string(i), "must be a unit id"});
      else u.members.emplace_back((*ms)[i].get_string());
    }
  }
  for (const char* ro : {"name", "kind", "kind_label", "code", "parent", "revision", "created_at", "updated_at",
                         "predecessors", "valid", "as_of"})
    r.Ignore(ro);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateUnit(u, path);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(u, errs, "Đơn vị không hợp lệ", "invalid unit");
}

json::object ToJson(const Plan& p) {
  json::array sections;
  for (const auto& s : p.sections)
    sections.push_back(json::object{{"numeral", s.numeral}, {"title", s.title}, {"intro", OptStr(s.intro)},
                                    {"source", SourceToJson(s.source)}});
  json::array docs;
  for (const auto& d : p.documents)
    docs.push_back(json::object{{"type", d.type}, {"number", d.number}, {"date", OptDate(d.date)},
                                {"issuer", OptStr(d.issuer)}, {"title", OptStr(d.title)}});
  json::array duties;
  for (const auto& d : p.duties)
    duties.push_back(json::object{{"respondent", d.respondent}, {"what", OptStr(d.what)}, {"due", ToJson(d.due)},
                                  {"year", d.year ? json::value(d.year) : json::value(nullptr)},
                                  {"section", OptStr(d.section)}, {"source", SourceToJson(d.source)}});
  return json::object{
      {"id", p.id}, {"key", OptStr(p.key)}, {"kind", p.kind}, {"title", p.title},
      {"decision", json::object{{"number", OptStr(p.decision_number)}, {"date", OptDate(p.decision_date)},
                                {"issuer", OptStr(p.issuer_id)}, {"signer", OptStr(p.signer)}}},
      {"period", json::object{{"from", OptDate(p.period_from)}, {"to", OptDate(p.period_to)}}},
      {"parent_id", p.parent_id ? json::value(*p.parent_id) : json::value(nullptr)},
      {"sections", std::move(sections)}, {"documents", std::move(docs)}, {"duties", std::move(duties)},
      {"published", p.published},
      {"source", SourceToJson(p.source)}, {"revision", p.version},
      {"created_at", OptStr(p.created_at)}, {"updated_at", OptStr(p.updated_at)}};
}

Result<Plan> PlanFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Plan p;
  if (!r.ok()) return Finish(p, errs, "Kế hoạch không hợp lệ", "invalid plan");
  p.id = r.Int("id", 0, INT64_MAX).value_or(0);
  p.key = r.Str("key", false, 100).value_or("");
  p.kind = r.Str("kind", false, 16).value_or("plan");
  p.title = r.Text("title", true, 1000);
  if (const json::value* d = r.Get("decision")) {
    Reader dr(*d, path + "/decision", errs, mode);
    p.decision_number = dr.Str("number", false, 100).value_or("");
    p.decision_date = dr.DateAt("date");
    p.issuer_id = dr.Str("issuer", false, 64).value_or("");
    p.signer = dr.Str("signer", false, 200).value_or("");
    dr.Ignore("issuer_name");
    dr.Finish();
  }
  if (const json::value* per = r.Get("period")) {
    Reader pr(*per, path + "/period", errs, mode);
    p.period_from = pr.DateAt("from");
    p.period_to = pr.DateAt("to");
    pr.Finish();
  }
  if (r.Has("parent_id")) {
    if (auto pid = r.Int("parent_id", 1, INT64_MAX)) p.parent_id = *pid;
  }
  if (const json::array* ss = r.Array("sections", 1000)) {
    for (size_t i = 0; i < ss->size(); ++i) {
      Reader sr((*ss)[i], path + "/sections/" + std::to_string(i), errs, mode);
      Section s;
      s.numeral = sr.Str("numeral", true, 32).value_or("");
      s.title = sr.Str("title", false, 2000).value_or("");
      s.intro = sr.Str("intro", false, 100000).value_or("");
      s.source = SourceFromJson(sr, errs);
      sr.Finish();
      p.sections.push_back(std::move(s));
    }
  }
  if (const json::array* ds = r.Array("documents", 1000)) {
    for (size_t i = 0; i < ds->size(); ++i) {
      Reader dr((*ds)[i], path + "/documents/" + std::to_string(i), errs, mode);
      DocumentRef d;
      d.type = dr.Str("type", false, 200).value_or("");
      d.number = dr.Str("number", true, 200).value_or("");
      d.date = dr.DateAt("date");
      d.issuer = dr.Str("issuer", false, 1000).value_or("");
      d.title = dr.Str("title", false, 2000).value_or("");
      dr.Finish();
      p.documents.push_back(std::move(d));
    }
  }
  if (const json::array* ds = r.Array("duties", 100)) {
    for (size_t i = 0; i < ds->size(); ++i) {
      const std::string dp = path + "/duties/" + std::to_string(i);
      Reader dr((*ds)[i], dp, errs, mode);
      PlanDuty d;
      d.respondent = dr.Str("respondent", true, 64).value_or("");
      d.what = dr.Str("what", false, 4000).value_or("");
      if (const json::value* due = dr.Get("due", true)) {
        auto dl = DeadlineFromJson(*due, dp + "/due", mode);
        if (dl.ok()) d.due = std::move(dl).value();
        else Absorb(errs, dl.error());
      }
      d.year = static_cast<int>(dr.Int("year", 0, 9999).value_or(0));
      d.section = dr.Str("section", false, 32).value_or("");
      d.source = SourceFromJson(dr, errs);
      dr.Finish();
      p.duties.push_back(std::move(d));
    }
  }
  p.published = r.Bool("published").value_or(false);
  p.source = SourceFromJson(r, errs);
  p.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  p.created_at = r.Str("created_at", false, 40).value_or("");
  p.updated_at = r.Str("updated_at", false, 40).value_or("");
  r.Ignore("parent_key");
  r.Ignore("counts");
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidatePlan(p);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(p, errs, "Kế hoạch không hợp lệ", "invalid plan");
}

json::object ToJson(const Objective& o) {
  json::array targets;
  for (const auto& t : o.targets) targets.push_back(ToJson(t));
  return json::object{{"id", o.id}, {"plan_id", o.plan_id}, {"code", o.code}, {"group", OptStr(o.group)},
                      {"text", o.text}, {"targets", std::move(targets)}, {"indicator", OptStr(o.indicator)},
                      {"source", SourceToJson(o.source)},
                      {"ordinal", o.ordinal}, {"revision", o.version}, {"created_at", OptStr(o.created_at)},
                      {"updated_at", OptStr(o.updated_at)}};
}

Result<Objective> ObjectiveFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Objective o;
  if (!r.ok()) return Finish(o, errs, "Mục tiêu không hợp lệ", "invalid objective");
  o.id = r.Int("id", 0, INT64_MAX).value_or(0);
  o.plan_id = r.Int("plan_id", 1, INT64_MAX, true).value_or(0);
  o.code = r.Str("code", true, 64).value_or("");
  o.group = r.Str("group", false, 2000).value_or("");
  o.text = r.Text("text", true, 100000);
  if (const json::array* ts = r.Array("targets", 1000)) {
    for (size_t i = 0; i < ts->size(); ++i) {
      auto t = TargetFromJson((*ts)[i], path + "/targets/" + std::to_string(i), mode);
      if (t.ok()) o.targets.push_back(std::move(t).value());
      else Absorb(errs, t.error());
    }
  }
  o.indicator = r.Str("indicator", false, 32).value_or("");
  if (!o.indicator.empty() && !IsValidIndicatorCode(o.indicator))
    errs.push_back({path + "/indicator", "not an indicator code (A-Z, 0-9, '-', '.')"});
  o.source = SourceFromJson(r, errs);
  o.ordinal = static_cast<int>(r.Int("ordinal", 0, 1000000).value_or(0));
  o.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  o.created_at = r.Str("created_at", false, 40).value_or("");
  o.updated_at = r.Str("updated_at", false, 40).value_or("");
  r.Ignore("plan_key");
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateObjective(o);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(o, errs, "Mục tiêu không hợp lệ", "invalid objective");
}

json::object ToJson(const Task& t) {
  json::array coords;
  for (const auto& c : t.coordinators) coords.push_back(UnitRefToJson(c));
  json::array targets;
  for (const auto& x : t.targets) targets.push_back(ToJson(x));
  return json::object{
      {"id", t.id}, {"plan_id", t.plan_id}, {"section", OptStr(t.section)}, {"number", OptStr(t.number)},
      {"title", t.title}, {"text", OptStr(t.text)}, {"expected_output", OptStr(t.expected_output)},
      {"lead", UnitRefToJson(t.lead)}, {"coordinators", std::move(coords)},
      {"support_unit", t.support_unit ? UnitRefToJson(*t.support_unit) : json::value(nullptr)},
      {"deadline", t.deadline ? json::value(ToJson(*t.deadline)) : json::value(nullptr)},
      {"parent_id", t.parent_id ? json::value(*t.parent_id) : json::value(nullptr)},
      {"serves", json::value_from(t.serves)}, {"objective_ids", json::value_from(t.objective_ids)}, {"targets", std::move(targets)},
      {"status", TaskStatusName(t.status)}, {"completed_on", OptDate(t.completed_on)},
      {"progress_percent", t.progress_percent}, {"source", SourceToJson(t.source)}, {"ordinal", t.ordinal},
      {"revision", t.version}, {"created_at", OptStr(t.created_at)}, {"updated_at", OptStr(t.updated_at)}};
}

Result<Task> TaskFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Task t;
  if (!r.ok()) return Finish(t, errs, "Nhiệm vụ không hợp lệ", "invalid task");
  t.id = r.Int("id", 0, INT64_MAX).value_or(0);
  t.plan_id = r.Int("plan_id", 1, INT64_MAX, true).value_or(0);
  t.section = r.Str("section", false, 32).value_or("");
  t.number = r.Str("number", false, 64).value_or("");
  t.title = r.Text("title", true, 2000);
  t.text = r.Str("text", false, 100000).value_or("");
  t.expected_output = r.Str("expected_output", false, 100000).value_or("");
  if (const json::value* lead = r.Get("lead", true)) {
    if (auto u = UnitRefFromJson(*lead, path + "/lead", errs, mode)) t.lead = *u;
  }
  if (const json::array* cs = r.Array("coordinators", 500)) {
    for (size_t i = 0; i < cs->size(); ++i)
      if (auto u = UnitRefFromJson((*cs)[i], path + "/coordinators/" + std::to_string(i), errs, mode))
        t.coordinators.push_back(*u);
  }
  if (const json::value* su = r.Get("support_unit")) {
    if (auto u = UnitRefFromJson(*su, path + "/support_unit", errs, mode)) t.support_unit = *u;
  }
  if (const json::value* d = r.Get("deadline")) {
    auto dl = DeadlineFromJson(*d, path + "/deadline", mode);
    if (dl.ok()) t.deadline = std::move(dl).value();
    else Absorb(errs, dl.error());
  }
  if (r.Has("parent_id")) {
    if (auto pid = r.Int("parent_id", 1, INT64_MAX)) t.parent_id = *pid;
  }
  if (const json::array* ss = r.Array("serves", 100)) {
    for (size_t i = 0; i < ss->size(); ++i) {
      if ((*ss)[i].is_int64() && (*ss)[i].get_int64() > 0) t.serves.push_back((*ss)[i].get_int64());
      else errs.push_back({path + "/serves/" + std::to_string(i), "must be a task id"});
    }
  }
  if (const json::array* os = r.Array("objective_ids", 1000)) {
    for (size_t i = 0; i < os->size(); ++i) {
      if ((*os)[i].is_int64() && (*os)[i].get_int64() > 0) t.objective_ids.push_back((*os)[i].get_int64());
      else errs.push_back({path + "/objective_ids/" + std::to_string(i), "must be an objective id"});
    }
  }
  if (const json::array* ts = r.Array("targets", 1000)) {
    for (size_t i = 0; i < ts->size(); ++i) {
      auto x = TargetFromJson((*ts)[i], path + "/targets/" + std::to_string(i), mode);
      if (x.ok()) t.targets.push_back(std::move(x).value());
      else Absorb(errs, x.error());
    }
  }
  if (auto s = r.Str("status", false, 32)) {
    auto st = ParseTaskStatus(*s);
    if (!st) errs.push_back({path + "/status", "must be one of not_started|in_progress|done|paused|cancelled"});
    t.status = st.value_or(TaskStatus::kNotStarted);
  }
  t.completed_on = r.DateAt("completed_on");
  t.progress_percent = static_cast<int>(r.Int("progress_percent", 0, 100).value_or(0));
  t.source = SourceFromJson(r, errs);
  t.ordinal = static_cast<int>(r.Int("ordinal", 0, 100000000).value_or(0));
  t.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  t.created_at = r.Str("created_at", false, 40).value_or("");
  t.updated_at = r.Str("updated_at", false, 40).value_or("");
  for (const char* ro : {"status_label", "status_label_en", "timeliness", "timeliness_label", "due_date", "as_of",
                         "plan_key", "addressees", "lead_name", "children", "implemented_by"})
    r.Ignore(ro);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateTask(t);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(t, errs, "Nhiệm vụ không hợp lệ", "invalid task");
}

json::object ToJson(const ProgressEntry& p) {
  return json::object{{"id", p.id}, {"task_id", p.task_id}, {"unit", OptStr(p.unit_id)}, {"text", OptStr(p.text)},
                      {"percent", p.percent ? json::value(*p.percent) : json::value(nullptr)},
                      {"status", p.status ? json::value(TaskStatusName(*p.status)) : json::value(nullptr)},
                      {"completed_on", OptDate(p.completed_on)}, {"author", OptStr(p.author)}, {"at", p.at}};
}

Result<ProgressEntry> ProgressFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  ProgressEntry p;
  if (!r.ok()) return Finish(p, errs, "Báo cáo tiến độ không hợp lệ", "invalid progress entry");
  p.id = r.Int("id", 0, INT64_MAX).value_or(0);
  p.task_id = r.Int("task_id", 0, INT64_MAX).value_or(0);
  p.unit_id = r.Str("unit", false, 64).value_or("");
  p.text = r.Str("text", false, 100000).value_or("");
  if (r.Has("percent")) {
    if (auto x = r.Int("percent", 0, 100)) p.percent = static_cast<int>(*x);
  }
  if (auto s = r.Str("status", false, 32)) {
    auto st = ParseTaskStatus(*s);
    if (!st) errs.push_back({path + "/status", "must be one of not_started|in_progress|done|paused|cancelled"});
    p.status = st;
  }
  p.completed_on = r.DateAt("completed_on");
  p.author = r.Str("author", false, 200).value_or("");
  p.at = r.Str("at", false, 40).value_or("");
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateProgress(p);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(p, errs, "Báo cáo tiến độ không hợp lệ", "invalid progress entry");
}

// ---------------------------------------------------------------- accounts

namespace {

// An array of names each accepted by `parse`; the errors name the item.
template <typename T, typename F>
std::vector<T> NameList(Reader& r, std::string_view key, F parse, const char* allowed, std::vector<FieldError>& errs) {
  std::vector<T> out;
  const json::array* a = r.Array(key, 16);
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) {
    const auto& item = (*a)[i];
    std::optional<T> v;
    if (item.is_string()) v = parse(std::string_view(item.get_string()));
    if (!v) errs.push_back({r.Path(key) + "/" + std::to_string(i), std::string("must be one of ") + allowed});
    else out.push_back(*v);
  }
  return out;
}

json::value OptText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

}  // namespace

json::object ToJson(const User& u) {
  json::array roles;
  for (Role r : u.roles) roles.push_back(json::value(RoleName(r)));
  return json::object{{"id", u.id},
                      {"login", u.login},
                      {"display_name", u.display_name},
                      {"email", OptStr(u.email)},
                      {"unit", OptStr(u.unit_id)},
                      {"roles", std::move(roles)},
                      {"disabled", u.disabled},
                      {"password_changed_at", OptStr(u.password_changed_at)},
                      {"version", u.version},
                      {"created_at", u.created_at},
                      {"updated_at", u.updated_at}};
}

Result<User> UserFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  User u;
  if (!r.ok()) return Finish(u, errs, "Thông tin tài khoản không hợp lệ", "invalid user");
  u.id = r.Int("id", 0, INT64_MAX).value_or(0);
  u.login = r.Str("login", true, 64).value_or("");
  u.display_name = r.Text("display_name", true, 200);
  u.email = r.Str("email", false, 254).value_or("");
  u.unit_id = r.Str("unit", false, 64).value_or("");
  u.roles = NameList<Role>(r, "roles", ParseRole, "admin|standing_editor|unit_editor|unit_approver|viewer", errs);
  u.disabled = r.Bool("disabled").value_or(false);
  for (const char* k : {"password_changed_at", "version", "created_at", "updated_at", "unit_name", "role_labels"})
    r.Ignore(k);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateUser(u);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(u, errs, "Thông tin tài khoản không hợp lệ", "invalid user");
}

json::object ToJson(const ApiToken& t) {
  json::array perms;
  for (TokenPermission p : t.permissions) perms.push_back(json::value(TokenPermissionName(p)));
  return json::object{{"id", t.id},
                      {"name", t.name},
                      {"unit", t.unit_id},
                      {"permissions", std::move(perms)},
                      {"prefix", t.prefix},
                      {"created_by", t.created_by},
                      {"created_at", t.created_at},
                      {"expires_at", OptText(t.expires_at)},
                      {"revoked_at", OptText(t.revoked_at)},
                      {"last_used_at", OptText(t.last_used_at)},
                      {"version", t.version}};
}

json::object ToJson(const PlanImport& i) {
  return json::object{{"id", i.id},
                      {"sha256", i.sha256},
                      {"file_name", i.file_name},
                      {"issuer", i.issuer_id.empty() ? json::value(nullptr) : json::value(i.issuer_id)},
                      {"number", i.number},
                      {"title", i.title},
                      {"tasks", i.task_count},
                      {"warnings", i.warning_count},
                      {"state", ImportStateName(i.state)},
                      {"state_label", ImportStateLabelVi(i.state)},
                      {"plan", i.plan_id ? json::value(*i.plan_id) : json::value(nullptr)},
                      {"uploaded_by", i.uploaded_by},
                      {"decided_by", i.decided_by.empty() ? json::value(nullptr) : json::value(i.decided_by)},
                      {"created_at", i.created_at},
                      {"updated_at", i.updated_at},
                      {"version", i.version}};
}

Result<ApiToken> ApiTokenFromJson(const json::value& v, const std::string& path) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs);
  ApiToken t;
  if (!r.ok()) return Finish(t, errs, "Thông tin mã truy cập không hợp lệ", "invalid API token");
  t.name = r.Text("name", true, 200);
  t.unit_id = r.Str("unit", true, 64).value_or("");
  t.permissions = NameList<TokenPermission>(r, "permissions", ParseTokenPermission, "read|tasks|progress|plans|values", errs);
  if (auto d = r.DateAt("expires_on")) t.expires_at = FormatIso(*d) + "T23:59:59Z";
  r.Finish();
  if (errs.empty()) {
    auto s = ValidateApiToken(t);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(t, errs, "Thông tin mã truy cập không hợp lệ", "invalid API token");
}

void MergePatch(json::value& target, const json::value& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = json::object{};
  json::object& t = target.get_object();
  for (const auto& kv : patch.get_object()) {
    if (kv.value().is_null()) {
      t.erase(kv.key());
    } else {
      MergePatch(t[kv.key()], kv.value());
    }
  }
}

json::object ToJson(const Error& e) {
  json::array fields;
  for (const auto& f : e.fields()) fields.push_back(json::object{{"path", f.path}, {"reason", f.reason}});
  return json::object{{"error", json::object{{"code", ErrorCodeName(e.code())}, {"message", e.message_vi()},
                                             {"message_en", e.message_en()}, {"fields", std::move(fields)}}}};
}

namespace {

void AppendNumber(std::string& out, double d) {
  if (!std::isfinite(d)) {  // not representable in JSON; Boost writes these as null too
    out += "null";
    return;
  }
  char buf[64];
  // Fixed notation when short (what a spreadsheet shows), else the shortest scientific form.
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  if (r.ec != std::errc() || r.ptr - buf > 22) r = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, r.ptr);
}

void Write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: AppendNumber(out, v.get_double()); break;
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string_view(kv.key()));
        out += ':';
        Write(out, kv.value());
      }
      out += '}';
      break;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out += ',';
        first = false;
        Write(out, item);
      }
      out += ']';
      break;
    }
    default: out += json::serialize(v); break;  // strings, integers, booleans, null
  }
}

}  // namespace

std::string Serialize(const json::value& v) {
  std::string out;
  Write(out, v);
  return out;
}

}  // namespace dxgov::codec
