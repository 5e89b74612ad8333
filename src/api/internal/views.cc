#include "api/internal/views.h"

#include <boost/json.hpp>

#include "codec/json_codec.h"
#include "core/deadline.h"

namespace dxgov::api {
namespace json = boost::json;

json::value UnitName(const UnitRegistry& reg, const std::string& id, Date as_of) {
  const Unit* u = reg.Find(id);
  if (!u) return nullptr;
  return json::value(VersionOrLatest(*u, as_of).name);
}

json::object UnitView(const Unit& u, const UnitRegistry& reg, std::optional<Date> as_of) {
  json::object o = codec::ToJson(u);
  const UnitVersion& v = as_of ? VersionOrLatest(u, *as_of) : u.versions.back();
  o["name"] = v.name;
  o["kind"] = UnitKindName(v.kind);
  o["kind_label"] = UnitKindLabelVi(v.kind);
  o["code"] = v.code.empty() ? json::value(nullptr) : json::value(v.code);
  o["parent"] = v.parent_id.empty() ? json::value(nullptr) : json::value(v.parent_id);
  if (as_of) {
    o["as_of"] = FormatIso(*as_of);
    o["valid"] = ValidOn(u, *as_of);
  }
  json::array preds;
  for (const auto& p : reg.Predecessors(u.id)) preds.push_back(json::value(p));
  o["predecessors"] = std::move(preds);
  return o;
}

namespace {

// Adds the name to a {"unit": id} reference.
void NameRef(json::value& ref, const UnitRegistry& reg, Date as_of) {
  if (!ref.is_object()) return;
  auto& o = ref.as_object();
  if (auto* id = o.if_contains("unit"); id && id->is_string()) o["name"] = UnitName(reg, std::string(id->get_string()), as_of);
}

}  // namespace

json::object TaskView(const Task& t, const ViewContext& c) {
  json::object o = codec::ToJson(t);
  NameRef(o["lead"], c.reg, c.as_of);
  for (auto& x : o["coordinators"].as_array()) NameRef(x, c.reg, c.as_of);
  NameRef(o["support_unit"], c.reg, c.as_of);
  o["status_label"] = TaskStatusLabelVi(t.status);
  o["status_label_en"] = TaskStatusLabelEn(t.status);
  std::optional<Date> due = t.deadline ? GoverningDue(*t.deadline, c.as_of) : std::nullopt;
  o["due_date"] = due ? json::value(FormatIso(*due)) : json::value(nullptr);
  auto tl = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr, t.completed_on, t.status == TaskStatus::kCancelled,
                            c.as_of, c.due_soon_days);
  o["timeliness"] = tl ? json::value(TimelinessName(*tl)) : json::value(nullptr);
  o["timeliness_label"] = tl ? json::value(TimelinessLabelVi(*tl)) : json::value(nullptr);
  o["as_of"] = FormatIso(c.as_of);
  return o;
}

json::object TaskSummaryView(const TaskSummary& s) {
  return json::object{{"total", s.total},         {"not_started", s.not_started}, {"in_progress", s.in_progress},
                      {"done", s.done},           {"paused", s.paused},           {"cancelled", s.cancelled},
                      {"overdue", s.overdue},     {"due_soon", s.due_soon},       {"done_late", s.done_late},
                      {"progress_percent", s.progress_percent}};
}

}  // namespace dxgov::api
