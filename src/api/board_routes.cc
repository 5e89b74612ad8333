// Routes of the working group's monitoring board: how the visible tasks stand nationally
// (GET /api/board/tasks) and what one unit must act on now (GET /api/board/units/{key}).
// The per-cycle board of report submissions is GET /api/cycles/{id}/submissions.
#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "core/board.h"

namespace dxgov::api {

namespace {

// The plan filter both board routes take: one plan, or a plan and every plan implementing it.
void ReadPlanFilter(QueryParams& p, TaskQuery& q) {
  if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
  if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
}

json::array CountsView(const std::vector<TaskCount>& counts, const char* key_name,
                       const std::function<void(json::object&, const std::string&)>& label) {
  json::array out;
  for (const auto& c : counts) {
    json::object o{{key_name, c.key}};
    label(o, c.key);
    o["summary"] = TaskSummaryView(c.summary);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

HttpResponse Handler::GetTaskBoard() {
  QueryParams p(req_.query, {"plan", "under_plan", "as_of", "due_soon_days"});
  TaskQuery q;
  ReadPlanFilter(p, q);
  const Date as_of = p.DateP("as_of").value_or(Today());
  q.due_soon_days = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  q.visible_plan_ids = std::move(visible).value();
  q.as_of = as_of;
  auto tasks = Drain<Task>(q, [&](const TaskQuery& page) { return store_.ListTasks(page); });
  if (!tasks.ok()) return FromError(tasks.error());
  const TaskCounts counts = CountTasks(*tasks, *reg_, as_of, q.due_soon_days);

  auto no_label = [](json::object&, const std::string&) {};
  auto kind_label = [](json::object& o, const std::string& key) {
    auto kind = ParseUnitKind(key);
    o["label"] = kind ? UnitKindLabelVi(*kind) : "Chưa xác định đơn vị chủ trì";
    o["label_en"] = kind ? UnitKindLabelEn(*kind) : "No lead unit";
  };
  auto unit_label = [&](json::object& o, const std::string& key) { o["name"] = UnitName(*reg_, key, as_of); };
  return JsonResponse(200, json::object{{"as_of", FormatIso(as_of)},
                                        {"due_soon_days", q.due_soon_days},
                                        {"all", TaskSummaryView(counts.all)},
                                        {"by_section", CountsView(counts.by_section, "section", no_label)},
                                        {"by_lead_kind", CountsView(counts.by_lead_kind, "kind", kind_label)},
                                        {"by_lead", CountsView(counts.by_lead, "unit", unit_label)}});
}

HttpResponse Handler::GetUnitBoard() {
  QueryParams p(req_.query, {"plan", "under_plan", "as_of", "due_soon_days"});
  TaskQuery base;
  ReadPlanFilter(p, base);
  const Date as_of = p.DateP("as_of").value_or(Today());
  const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto bad = p.Problems()) return FromError(*bad);
  const Unit* unit = reg_->Find(key_);
  if (!unit) return FromError(NotFound("đơn vị", "unit", key_));
  if (auto no = Authorize(Subject{})) return *no;
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  base.visible_plan_ids = std::move(visible).value();
  base.as_of = as_of;
  base.due_soon_days = soon;
  base.include_predecessors = true;  // a merged province answers for its predecessors' tasks
  base.statuses = {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kPaused};
  base.sort = TaskSort::kDeadline;

  // The unit's own part of a group task it answers for (the query only returns tasks whose
  // group holds it on as_of): its row among the addressees, else a predecessor's it carries
  // on for.
  std::vector<std::string> answers_for = reg_->Predecessors(unit->id);
  answers_for.insert(answers_for.begin(), unit->id);
  auto own_part = [&](const Task& t) -> Result<std::optional<TaskAddressee>> {
    const Unit* lead = reg_->Find(t.lead.unit_id);
    if (!lead || VersionOrLatest(*lead, as_of).kind != UnitKind::kGroup || lead->id == unit->id)
      return std::optional<TaskAddressee>();
    DX_ASSIGN_OR_RETURN(auto parts, store_.ListAddressees(t.id));
    for (const auto& id : answers_for)
      for (auto& a : parts)
        if (a.unit_id == id) return std::optional<TaskAddressee>(std::move(a));
    // A member that has not reported yet has no row: its part has not started.
    TaskAddressee fresh;
    fresh.unit_id = unit->id;
    return std::optional<TaskAddressee>(std::move(fresh));
  };

  ViewContext ctx{*reg_, as_of, soon};
  auto role = [&](bool as_lead) -> Result<json::object> {
    TaskQuery q = base;
    (as_lead ? q.lead : q.coordinator) = unit->id;
    DX_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                        Drain<Task>(q, [&](const TaskQuery& page) { return store_.ListTasks(page); }));
    json::array overdue, due_soon;
    int open = 0;
    for (const auto& t : tasks) {
      std::optional<TaskAddressee> part;
      if (as_lead) {
        DX_ASSIGN_OR_RETURN(part, own_part(t));
      }
      const UnitTaskState s = JudgeUnitTask(t, part ? &*part : nullptr, as_of, soon);
      if (s.status == TaskStatus::kDone || s.status == TaskStatus::kCancelled) continue;
      ++open;
      if (!NeedsAction(s)) continue;
      json::object v = TaskView(t, ctx);
      if (s.own_part) {
        v["own_part"] = json::object{{"unit", part->unit_id},
                                     {"status", TaskStatusName(s.status)},
                                     {"status_label", TaskStatusLabelVi(s.status)},
                                     {"progress_percent", s.progress_percent}};
      }
      v["unit_timeliness"] = TimelinessName(*s.timeliness);
      v["unit_timeliness_label"] = TimelinessLabelVi(*s.timeliness);
      (*s.timeliness == Timeliness::kOverdue ? overdue : due_soon).push_back(std::move(v));
    }
    json::object counts{{"open", open}, {"overdue", overdue.size()}, {"due_soon", due_soon.size()}};
    return json::object{{"counts", std::move(counts)}, {"overdue", std::move(overdue)}, {"due_soon", std::move(due_soon)}};
  };
  auto lead = role(true);
  if (!lead.ok()) return FromError(lead.error());
  auto coordinator = role(false);
  if (!coordinator.ok()) return FromError(coordinator.error());
  return JsonResponse(200, json::object{{"unit", unit->id},
                                        {"name", UnitName(*reg_, unit->id, as_of)},
                                        {"as_of", FormatIso(as_of)},
                                        {"due_soon_days", soon},
                                        {"as_lead", std::move(lead).value()},
                                        {"as_coordinator", std::move(coordinator).value()}});
}

}  // namespace dxgov::api
