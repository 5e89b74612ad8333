#include "codec/proposal_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"
#include "codec/json_codec.h"

namespace dxgov::codec {

namespace json = boost::json;
using namespace importer;

namespace {

// The JSON form caps every text (the limits ProposalFromJson reads with). A reader's
// proposal must read back, so ToJson cuts what is longer, at a character boundary, with "…".
std::string Fit(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max >= 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  std::string out(s.substr(0, cut));
  if (max >= 3) out.append("\xE2\x80\xA6");
  return out;
}

Deadline FitDeadline(Deadline d) {
  d.text = Fit(d.text, 1000);
  return d;
}

std::vector<Target> FitTargets(std::vector<Target> ts) {
  for (auto& t : ts) {
    t.text = Fit(t.text, 2000);
    t.qualifier = Fit(t.qualifier, 2000);
    t.document = Fit(t.document, 200);
  }
  return ts;
}

json::value Lines(const LineSpan& l) {
  if (l.from == 0) return nullptr;
  return json::array{l.from, l.to};
}

json::value Ref(const NameRef& r) {
  json::object o;
  o["as_written"] = Fit(r.as_written, 2000);
  o["unit"] = r.unit_id.empty() ? json::value(nullptr) : json::value(Fit(r.unit_id, 200));
  if (!r.successor_id.empty()) o["successor"] = Fit(r.successor_id, 200);
  return o;
}

// Lists inside an item hold at most this many entries in the JSON form (the rest are cut).
constexpr size_t kMaxInner = 1000;

json::array Refs(const std::vector<NameRef>& rs) {
  json::array a;
  for (size_t i = 0; i < rs.size() && i < kMaxInner; ++i) a.push_back(Ref(rs[i]));
  return a;
}

json::array Targets(const std::vector<Target>& ts) {
  json::array a;
  for (const auto& t : FitTargets(ts)) {
    if (a.size() == kMaxInner) break;
    json::object o = codec::ToJson(t);
    a.push_back(std::move(o));
  }
  return a;
}

json::value Str(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace

json::object ToJson(const Proposal& p) {
  json::object out;
  const SourceInfo& s = p.source;
  json::object src;
  src["file"] = Fit(s.file, 1000);
  src["sha256"] = Str(s.sha256);
  src["lines"] = s.line_count;
  src["document_type"] = Str(Fit(s.document_type, 200));
  src["title"] = Str(Fit(s.title, 2000));
  src["number"] = Str(Fit(s.number, 200));
  src["date"] = s.date ? json::value(FormatIso(*s.date)) : json::value(nullptr);
  src["date_year"] = s.date_year == 0 ? json::value(nullptr) : json::value(s.date_year);
  src["place"] = Str(Fit(s.place, 200));
  src["issuer"] = s.issuer.as_written.empty() ? json::value(nullptr) : Ref(s.issuer);
  src["signer"] = Str(Fit(s.signer, 200));
  src["plan_year"] = s.plan_year == 0 ? json::value(nullptr) : json::value(s.plan_year);
  src["plan_lines"] = Lines(s.plan_lines);
  out["source"] = std::move(src);

  json::array sections;
  for (const auto& sec : p.sections) {
    sections.push_back(json::object{{"numeral", Fit(sec.numeral, 20)},
                                    {"title", Fit(sec.title, 2000)},
                                    {"intro", Str(Fit(sec.intro, 100000))},
                                    {"has_tasks", sec.has_tasks},
                                    {"lines", Lines(sec.lines)}});
  }
  out["sections"] = std::move(sections);

  json::array duties;
  for (const auto& d : p.duties) {
    if (duties.size() == kMaxInner) break;
    duties.push_back(json::object{{"respondent", Ref(d.respondent)},
                                  {"what", Fit(d.what, 4000)},
                                  {"due", d.due ? json::value(codec::ToJson(FitDeadline(*d.due))) : json::value(nullptr)},
                                  {"year", d.year == 0 ? json::value(nullptr) : json::value(d.year)},
                                  {"section", Fit(d.section, 20)},
                                  {"lines", Lines(d.lines)}});
  }
  out["duties"] = std::move(duties);

  json::array objectives;
  for (const auto& o : p.objectives) {
    objectives.push_back(json::object{{"code", Fit(o.code, 200)},
                                      {"group", Str(Fit(o.group, 2000))},
                                      {"text", Fit(o.text, 100000)},
                                      {"document", Str(Fit(o.document, 500))},
                                      {"targets", Targets(o.targets)},
                                      {"lines", Lines(o.lines)}});
  }
  out["objectives"] = std::move(objectives);

  json::array tasks;
  for (const auto& t : p.tasks) {
    json::object o;
    o["id"] = Fit(t.id, 200);
    o["section"] = Fit(t.section, 20);
    o["number"] = Fit(t.number, 100);
    o["title"] = Fit(t.title, 5000);
    o["text"] = Fit(t.text, 100000);
    if (!t.expected_output.empty()) o["expected_output"] = Fit(t.expected_output, 10000);
    o["lead"] = t.lead ? Ref(*t.lead) : json::value(nullptr);
    o["coordinators"] = Refs(t.coordinators);
    o["support_unit"] = t.support_unit ? Ref(*t.support_unit) : json::value(nullptr);
    o["deadline"] = t.deadline ? json::value(codec::ToJson(FitDeadline(*t.deadline))) : json::value(nullptr);
    json::array ms;
    for (const auto& m : t.milestones)
      if (ms.size() < kMaxInner) ms.push_back(codec::ToJson(FitDeadline(m)));
    o["milestones"] = std::move(ms);
    json::array subs;
    for (const auto& si : t.sub_items) {
      json::object so{{"label", Fit(si.label, 20)}, {"text", Fit(si.text, 100000)}, {"lines", Lines(si.lines)}};
      if (si.background) so["background"] = true;
      subs.push_back(std::move(so));
    }
    o["sub_items"] = std::move(subs);
    o["targets"] = Targets(t.targets);
    json::array docs;
    for (const auto& d : t.documents)
      if (docs.size() < kMaxInner) docs.push_back(json::value(Fit(d, 200)));
    o["documents"] = std::move(docs);
    o["lines"] = Lines(t.lines);
    tasks.push_back(std::move(o));
  }
  out["tasks"] = std::move(tasks);

  json::array indicators;
  for (const auto& ind : p.indicators) {
    json::array values;
    for (const auto& v : ind.values) {
      json::object vo{{"year", v.year},
                      {"value", v.value ? json::value(*v.value) : json::value(nullptr)},
                      {"text", Fit(v.text, 200)}};
      if (v.value_to) vo["value_to"] = *v.value_to;
      if (v.estimated) vo["estimated"] = true;
      values.push_back(std::move(vo));
    }
    indicators.push_back(json::object{{"group", Str(Fit(ind.group, 2000))},
                                      {"name", Fit(ind.name, 2000)},
                                      {"unit", Fit(ind.unit, 50)},
                                      {"estimated", ind.estimated},
                                      {"values", std::move(values)},
                                      {"lines", Lines(ind.lines)}});
  }
  out["indicators"] = std::move(indicators);

  json::array platforms;
  for (const auto& pl : p.platforms) {
    platforms.push_back(json::object{{"number", Fit(pl.number, 50)},
                                     {"name", Fit(pl.name, 2000)},
                                     {"ownership", Fit(pl.ownership, 20)},
                                     {"group", Str(Fit(pl.group, 2000))},
                                     {"owners", Refs(pl.owners)},
                                     {"text", Str(Fit(pl.text, 100000))},
                                     {"lines", Lines(pl.lines)}});
  }
  out["platforms"] = std::move(platforms);

  json::array key_tasks;
  for (const auto& k : p.key_tasks) {
    key_tasks.push_back(json::object{{"ordinal", k.ordinal},
                                     {"member", Fit(k.member, 4000)},
                                     {"unit", Ref(k.unit)},
                                     {"title", Fit(k.title, 4000)},
                                     {"lines", Lines(k.lines)}});
  }
  out["key_tasks"] = std::move(key_tasks);

  json::array sessions;
  for (const auto& ps : p.sessions)
    sessions.push_back(json::object{{"month", ps.month}, {"kind", SessionKindName(ps.kind)}, {"lines", Lines(ps.lines)}});
  out["sessions"] = std::move(sessions);

  json::array documents;
  for (const auto& d : p.documents) {
    documents.push_back(json::object{{"type", Fit(d.type, 100)},
                                     {"number", Fit(d.number, 200)},
                                     {"date", d.date ? json::value(FormatIso(*d.date)) : json::value(nullptr)},
                                     {"issuer", Str(Fit(d.issuer, 2000))},
                                     {"title", Str(Fit(d.title, 5000))},
                                     {"lines", Lines(d.lines)}});
  }
  out["documents"] = std::move(documents);

  json::array actions;
  for (const auto& a : p.actions) {
    actions.push_back(json::object{{"theme", Str(Fit(a.theme, 2000))},
                                   {"number", Str(Fit(a.number, 100))},
                                   {"action", Fit(a.action, 100000)},
                                   {"period", Str(Fit(a.period, 200))},
                                   {"period_deadline", a.period_deadline ? json::value(codec::ToJson(FitDeadline(*a.period_deadline)))
                                                                         : json::value(nullptr)},
                                   {"leads", Refs(a.leads)},
                                   {"coordinators", Refs(a.coordinators)},
                                   {"document", Str(Fit(a.document, 500))},
                                   {"lines", Lines(a.lines)}});
  }
  out["actions"] = std::move(actions);

  json::array warnings;
  for (const auto& w : p.warnings) {
    warnings.push_back(json::object{{"line", w.line == 0 ? json::value(nullptr) : json::value(w.line)},
                                    {"code", Fit(w.code, 100)},
                                    {"message", Fit(w.message_vi, 5000)},
                                    {"message_en", Fit(w.message_en, 5000)}});
  }
  out["warnings"] = std::move(warnings);
  return out;
}


namespace {

using internal::Reader;
constexpr size_t kMaxItems = 20000;  // tasks, objectives, actions ... in one proposal

LineSpan ReadLineArray(const json::value* v, const std::string& path, std::vector<FieldError>& errs) {
  LineSpan out;
  if (v == nullptr) return out;
  const json::array* a = v->if_array();
  if (a != nullptr && a->size() == 2 && (*a)[0].is_int64() && (*a)[1].is_int64() && (*a)[0].get_int64() >= 0 &&
      (*a)[1].get_int64() >= (*a)[0].get_int64() && (*a)[1].get_int64() < (1 << 30)) {
    out.from = static_cast<int>((*a)[0].get_int64());
    out.to = static_cast<int>((*a)[1].get_int64());
  } else {
    errs.push_back({path, "must be [first, last] with 0 <= first <= last"});
  }
  return out;
}

LineSpan ReadLines(Reader& r, std::vector<FieldError>& errs) { return ReadLineArray(r.Get("lines"), r.Path("lines"), errs); }

NameRef ReadRef(const json::value& v, const std::string& path, std::vector<FieldError>& errs) {
  Reader r(v, path, errs);
  NameRef out;
  out.as_written = r.Str("as_written", false, 2000).value_or("");
  out.unit_id = r.Str("unit", false, 200).value_or("");
  out.successor_id = r.Str("successor", false, 200).value_or("");
  if (out.as_written.empty() && out.unit_id.empty()) errs.push_back({path, "needs as_written or unit"});
  r.Finish();
  return out;
}

std::optional<NameRef> ReadOptRef(Reader& r, std::string_view key, std::vector<FieldError>& errs) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return std::nullopt;
  return ReadRef(*v, r.Path(key), errs);
}

std::vector<NameRef> ReadRefs(Reader& r, std::string_view key, std::vector<FieldError>& errs) {
  std::vector<NameRef> out;
  if (const json::array* a = r.Array(key, 1000)) {
    for (size_t i = 0; i < a->size(); ++i) out.push_back(ReadRef((*a)[i], r.Path(key) + "/" + std::to_string(i), errs));
  }
  return out;
}

std::optional<Deadline> ReadOptDeadline(Reader& r, std::string_view key, std::vector<FieldError>& errs) {
  const json::value* v = r.Get(key);
  if (v == nullptr) return std::nullopt;
  auto d = DeadlineFromJson(*v, r.Path(key));
  if (!d.ok()) {
    internal::Absorb(errs, d.error());
    return std::nullopt;
  }
  return *d;
}

std::vector<Target> ReadTargets(Reader& r, std::vector<FieldError>& errs) {
  std::vector<Target> out;
  if (const json::array* a = r.Array("targets", 1000)) {
    for (size_t i = 0; i < a->size(); ++i) {
      auto t = TargetFromJson((*a)[i], r.Path("targets") + "/" + std::to_string(i));
      if (t.ok()) {
        out.push_back(*t);
      } else {
        internal::Absorb(errs, t.error());
      }
    }
  }
  return out;
}

template <typename Fn>
void EachObject(Reader& r, std::string_view key, Fn&& fn) {
  if (const json::array* a = r.Array(key, kMaxItems)) {
    for (size_t i = 0; i < a->size(); ++i) fn((*a)[i], r.Path(key) + "/" + std::to_string(i));
  }
}

SourceInfo ReadSource(const json::value& v, const std::string& path, std::vector<FieldError>& errs) {
  Reader r(v, path, errs);
  SourceInfo s;
  s.file = r.Str("file", false, 1000).value_or("");
  s.sha256 = r.Str("sha256", false, 64).value_or("");
  s.line_count = static_cast<int>(r.Int("lines", 0, 1 << 30).value_or(0));
  s.document_type = r.Str("document_type", false, 200).value_or("");
  s.title = r.Str("title", false, 2000).value_or("");
  s.number = r.Str("number", false, 200).value_or("");
  s.date = r.DateAt("date");
  s.date_year = static_cast<int>(r.Int("date_year", 1900, 2200).value_or(0));
  s.place = r.Str("place", false, 200).value_or("");
  if (auto issuer = ReadOptRef(r, "issuer", errs)) s.issuer = *issuer;
  s.signer = r.Str("signer", false, 200).value_or("");
  s.plan_year = static_cast<int>(r.Int("plan_year", 1900, 2200).value_or(0));
  s.plan_lines = ReadLineArray(r.Get("plan_lines"), r.Path("plan_lines"), errs);
  r.Finish();
  return s;
}

}  // namespace

Result<Proposal> ProposalFromJson(const json::value& v) {
  std::vector<FieldError> errs;
  Reader r(v, "", errs);
  Proposal p;
  if (const json::value* src = r.Get("source", true)) p.source = ReadSource(*src, "/source", errs);
  EachObject(r, "sections", [&](const json::value& e, const std::string& path) {
    Reader s(e, path, errs);
    ProposedSection sec;
    sec.numeral = s.Str("numeral", false, 20).value_or("");
    sec.title = s.Str("title", false, 2000).value_or("");
    sec.intro = s.Str("intro", false, 100000).value_or("");
    sec.has_tasks = s.Bool("has_tasks").value_or(false);
    sec.lines = ReadLines(s, errs);
    s.Finish();
    p.sections.push_back(std::move(sec));
  });
  EachObject(r, "duties", [&](const json::value& e, const std::string& path) {
    Reader dr(e, path, errs);
    ProposedDuty d;
    if (auto ref = ReadOptRef(dr, "respondent", errs)) d.respondent = *ref;
    d.what = dr.Str("what", false, 4000).value_or("");
    d.due = ReadOptDeadline(dr, "due", errs);
    d.year = static_cast<int>(dr.Int("year", 1900, 2200).value_or(0));
    d.section = dr.Str("section", false, 20).value_or("");
    d.lines = ReadLines(dr, errs);
    dr.Finish();
    p.duties.push_back(std::move(d));
  });
  EachObject(r, "objectives", [&](const json::value& e, const std::string& path) {
    Reader o(e, path, errs);
    ProposedObjective obj;
    obj.code = o.Str("code", true, 200).value_or("");
    obj.group = o.Str("group", false, 2000).value_or("");
    obj.text = o.Str("text", false, 100000).value_or("");
    obj.document = o.Str("document", false, 500).value_or("");
    obj.targets = ReadTargets(o, errs);
    obj.lines = ReadLines(o, errs);
    o.Finish();
    p.objectives.push_back(std::move(obj));
  });
  EachObject(r, "tasks", [&](const json::value& e, const std::string& path) {
    Reader t(e, path, errs);
    ProposedTask task;
    task.id = t.Str("id", true, 200).value_or("");
    task.section = t.Str("section", false, 20).value_or("");
    task.number = t.Str("number", false, 100).value_or("");
    task.title = t.Str("title", false, 5000).value_or("");
    task.text = t.Str("text", false, 100000).value_or("");
    task.expected_output = t.Str("expected_output", false, 10000).value_or("");
    task.lead = ReadOptRef(t, "lead", errs);
    task.coordinators = ReadRefs(t, "coordinators", errs);
    task.support_unit = ReadOptRef(t, "support_unit", errs);
    task.deadline = ReadOptDeadline(t, "deadline", errs);
    if (const json::array* ms = t.Array("milestones", 1000)) {
      for (size_t i = 0; i < ms->size(); ++i) {
        auto d = DeadlineFromJson((*ms)[i], t.Path("milestones") + "/" + std::to_string(i));
        if (d.ok()) {
          task.milestones.push_back(*d);
        } else {
          internal::Absorb(errs, d.error());
        }
      }
    }
    EachObject(t, "sub_items", [&](const json::value& se, const std::string& sp) {
      Reader si(se, sp, errs);
      SubItem sub;
      sub.label = si.Str("label", false, 20).value_or("");
      sub.text = si.Str("text", false, 100000).value_or("");
      sub.lines = ReadLines(si, errs);
      sub.background = si.Bool("background").value_or(false);
      si.Finish();
      task.sub_items.push_back(std::move(sub));
    });
    task.targets = ReadTargets(t, errs);
    if (const json::array* docs = t.Array("documents", 1000)) {
      for (size_t i = 0; i < docs->size(); ++i) {
        if ((*docs)[i].is_string()) {
          task.documents.emplace_back((*docs)[i].get_string());
        } else {
          errs.push_back({t.Path("documents") + "/" + std::to_string(i), "must be a string"});
        }
      }
    }
    task.lines = ReadLines(t, errs);
    t.Finish();
    p.tasks.push_back(std::move(task));
  });
  EachObject(r, "indicators", [&](const json::value& e, const std::string& path) {
    Reader ir(e, path, errs);
    ProposedIndicator ind;
    ind.group = ir.Str("group", false, 2000).value_or("");
    ind.name = ir.Str("name", true, 2000).value_or("");
    ind.unit = ir.Str("unit", false, 50).value_or("");
    ind.estimated = ir.Bool("estimated").value_or(false);
    EachObject(ir, "values", [&](const json::value& ve, const std::string& vp) {
      Reader vr(ve, vp, errs);
      IndicatorValue val;
      val.year = static_cast<int>(vr.Int("year", 1900, 2200, true).value_or(0));
      val.value = vr.Num("value");
      val.value_to = vr.Num("value_to");
      val.estimated = vr.Bool("estimated").value_or(false);
      val.text = vr.Str("text", false, 200).value_or("");
      vr.Finish();
      ind.values.push_back(std::move(val));
    });
    ind.lines = ReadLines(ir, errs);
    ir.Finish();
    p.indicators.push_back(std::move(ind));
  });
  EachObject(r, "platforms", [&](const json::value& e, const std::string& path) {
    Reader pr(e, path, errs);
    ProposedPlatform pl;
    pl.number = pr.Str("number", false, 50).value_or("");
    pl.name = pr.Str("name", true, 2000).value_or("");
    pl.ownership = pr.Str("ownership", false, 20).value_or("");
    if (!pl.ownership.empty() && pl.ownership != "state" && pl.ownership != "enterprise") {
      errs.push_back({pr.Path("ownership"), "must be state or enterprise"});
    }
    pl.group = pr.Str("group", false, 2000).value_or("");
    pl.owners = ReadRefs(pr, "owners", errs);
    pl.text = pr.Str("text", false, 100000).value_or("");
    pl.lines = ReadLines(pr, errs);
    pr.Finish();
    p.platforms.push_back(std::move(pl));
  });
  EachObject(r, "key_tasks", [&](const json::value& e, const std::string& path) {
    Reader kr(e, path, errs);
    ProposedKeyTask k;
    k.ordinal = static_cast<int>(kr.Int("ordinal", 0, 1000).value_or(0));
    k.member = kr.Str("member", true, 4000).value_or("");
    if (const json::value* u = kr.Get("unit", true)) k.unit = ReadRef(*u, kr.Path("unit"), errs);
    k.title = kr.Str("title", true, 4000).value_or("");
    k.lines = ReadLines(kr, errs);
    kr.Finish();
    p.key_tasks.push_back(std::move(k));
  });
  EachObject(r, "sessions", [&](const json::value& e, const std::string& path) {
    Reader sr(e, path, errs);
    ProposedSession ps;
    ps.month = static_cast<int>(sr.Int("month", 1, 12, true).value_or(0));
    if (auto k = sr.Str("kind", false, 32)) {
      auto parsed = ParseSessionKind(*k);
      if (!parsed) errs.push_back({sr.Path("kind"), "one of regular|six_month_review|annual_review|thematic"});
      ps.kind = parsed.value_or(SessionKind::kRegular);
    }
    ps.lines = ReadLines(sr, errs);
    sr.Finish();
    p.sessions.push_back(ps);
  });
  EachObject(r, "documents", [&](const json::value& e, const std::string& path) {
    Reader dr(e, path, errs);
    ProposedDocument d;
    d.type = dr.Str("type", false, 100).value_or("");
    d.number = dr.Str("number", true, 200).value_or("");
    d.date = dr.DateAt("date");
    d.issuer = dr.Str("issuer", false, 2000).value_or("");
    d.title = dr.Str("title", false, 5000).value_or("");
    d.lines = ReadLines(dr, errs);
    dr.Finish();
    p.documents.push_back(std::move(d));
  });
  EachObject(r, "actions", [&](const json::value& e, const std::string& path) {
    Reader ar(e, path, errs);
    ProposedAction a;
    a.theme = ar.Str("theme", false, 2000).value_or("");
    a.number = ar.Str("number", false, 100).value_or("");
    a.action = ar.Str("action", true, 100000).value_or("");
    a.period = ar.Str("period", false, 200).value_or("");
    a.period_deadline = ReadOptDeadline(ar, "period_deadline", errs);
    a.leads = ReadRefs(ar, "leads", errs);
    a.coordinators = ReadRefs(ar, "coordinators", errs);
    a.document = ar.Str("document", false, 500).value_or("");
    a.lines = ReadLines(ar, errs);
    ar.Finish();
    p.actions.push_back(std::move(a));
  });
  EachObject(r, "warnings", [&](const json::value& e, const std::string& path) {
    Reader wr(e, path, errs);
    Warning w;
    w.line = static_cast<int>(wr.Int("line", 0, 1 << 30).value_or(0));
    w.code = wr.Str("code", true, 100).value_or("");
    w.message_vi = wr.Str("message", false, 5000).value_or("");
    w.message_en = wr.Str("message_en", false, 5000).value_or("");
    wr.Finish();
    p.warnings.push_back(std::move(w));
  });
  r.Finish();
  return internal::Finish(std::move(p), errs, "Đề xuất kế hoạch không hợp lệ", "invalid plan proposal");
}

}  // namespace dxgov::codec
