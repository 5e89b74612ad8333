#include "codec/proposal_json.h"

#include <boost/json.hpp>

#include "codec/json_codec.h"

namespace dxgov::codec {

namespace json = boost::json;
using namespace importer;

namespace {

json::value Lines(const LineSpan& l) {
  if (l.from == 0) return nullptr;
  return json::array{l.from, l.to};
}

json::value Ref(const NameRef& r) {
  json::object o;
  o["as_written"] = r.as_written;
  o["unit"] = r.unit_id.empty() ? json::value(nullptr) : json::value(r.unit_id);
  if (!r.successor_id.empty()) o["successor"] = r.successor_id;
  return o;
}

json::array Refs(const std::vector<NameRef>& rs) {
  json::array a;
  for (const auto& r : rs) a.push_back(Ref(r));
  return a;
}

json::array Targets(const std::vector<Target>& ts) {
  json::array a;
  for (const auto& t : ts) {
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
  src["file"] = s.file;
  src["sha256"] = Str(s.sha256);
  src["lines"] = s.line_count;
  src["document_type"] = Str(s.document_type);
  src["title"] = Str(s.title);
  src["number"] = Str(s.number);
  src["date"] = s.date ? json::value(FormatIso(*s.date)) : json::value(nullptr);
  src["date_year"] = s.date_year == 0 ? json::value(nullptr) : json::value(s.date_year);
  src["place"] = Str(s.place);
  src["issuer"] = s.issuer.as_written.empty() ? json::value(nullptr) : Ref(s.issuer);
  src["signer"] = Str(s.signer);
  src["plan_year"] = s.plan_year == 0 ? json::value(nullptr) : json::value(s.plan_year);
  src["plan_lines"] = Lines(s.plan_lines);
  out["source"] = std::move(src);

  json::array sections;
  for (const auto& sec : p.sections) {
    sections.push_back(json::object{{"numeral", sec.numeral},
                                    {"title", sec.title},
                                    {"intro", Str(sec.intro)},
                                    {"has_tasks", sec.has_tasks},
                                    {"lines", Lines(sec.lines)}});
  }
  out["sections"] = std::move(sections);

  json::array objectives;
  for (const auto& o : p.objectives) {
    objectives.push_back(json::object{{"code", o.code},
                                      {"group", Str(o.group)},
                                      {"text", o.text},
                                      {"document", Str(o.document)},
                                      {"targets", Targets(o.targets)},
                                      {"lines", Lines(o.lines)}});
  }
  out["objectives"] = std::move(objectives);

  json::array tasks;
  for (const auto& t : p.tasks) {
    json::object o;
    o["id"] = t.id;
    o["section"] = t.section;
    o["number"] = t.number;
    o["title"] = t.title;
    o["text"] = t.text;
    if (!t.expected_output.empty()) o["expected_output"] = t.expected_output;
    o["lead"] = t.lead ? Ref(*t.lead) : json::value(nullptr);
    o["coordinators"] = Refs(t.coordinators);
    o["support_unit"] = t.support_unit ? Ref(*t.support_unit) : json::value(nullptr);
    o["deadline"] = t.deadline ? json::value(codec::ToJson(*t.deadline)) : json::value(nullptr);
    json::array ms;
    for (const auto& m : t.milestones) ms.push_back(codec::ToJson(m));
    o["milestones"] = std::move(ms);
    json::array subs;
    for (const auto& si : t.sub_items) {
      subs.push_back(json::object{{"label", si.label}, {"text", si.text}, {"lines", Lines(si.lines)}});
    }
    o["sub_items"] = std::move(subs);
    o["targets"] = Targets(t.targets);
    json::array docs;
    for (const auto& d : t.documents) docs.push_back(json::value(d));
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
                      {"text", v.text}};
      if (v.value_to) vo["value_to"] = *v.value_to;
      if (v.estimated) vo["estimated"] = true;
      values.push_back(std::move(vo));
    }
    indicators.push_back(json::object{{"group", Str(ind.group)},
                                      {"name", ind.name},
                                      {"unit", ind.unit},
                                      {"estimated", ind.estimated},
                                      {"values", std::move(values)},
                                      {"lines", Lines(ind.lines)}});
  }
  out["indicators"] = std::move(indicators);

  json::array platforms;
  for (const auto& pl : p.platforms) {
    platforms.push_back(json::object{{"number", pl.number},
                                     {"name", pl.name},
                                     {"ownership", pl.ownership},
                                     {"group", Str(pl.group)},
                                     {"owners", Refs(pl.owners)},
                                     {"lines", Lines(pl.lines)}});
  }
  out["platforms"] = std::move(platforms);

  json::array documents;
  for (const auto& d : p.documents) {
    documents.push_back(json::object{{"type", d.type},
                                     {"number", d.number},
                                     {"date", d.date ? json::value(FormatIso(*d.date)) : json::value(nullptr)},
                                     {"issuer", Str(d.issuer)},
                                     {"title", Str(d.title)},
                                     {"lines", Lines(d.lines)}});
  }
  out["documents"] = std::move(documents);

  json::array actions;
  for (const auto& a : p.actions) {
    actions.push_back(json::object{{"theme", Str(a.theme)},
                                   {"number", Str(a.number)},
                                   {"action", a.action},
                                   {"period", Str(a.period)},
                                   {"leads", Refs(a.leads)},
                                   {"coordinators", Refs(a.coordinators)},
                                   {"document", Str(a.document)},
                                   {"lines", Lines(a.lines)}});
  }
  out["actions"] = std::move(actions);

  json::array warnings;
  for (const auto& w : p.warnings) {
    warnings.push_back(json::object{{"line", w.line == 0 ? json::value(nullptr) : json::value(w.line)},
                                    {"code", w.code},
                                    {"message", w.message_vi},
                                    {"message_en", w.message_en}});
  }
  out["warnings"] = std::move(warnings);
  return out;
}

}  // namespace dxgov::codec
