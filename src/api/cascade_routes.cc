// Routes for the cascade of plans: which ministries and provinces have issued the plans a
// national plan obliges them to (GET /api/plans/{id}/registrations), and how a task's
// sub-tasks and the tasks implementing it in other plans stand (GET /api/tasks/{id}/cascade).
#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/json_codec.h"
#include "core/cascade.h"

namespace dxgov::api {

namespace {

json::value OptDateJson(const std::optional<Date>& d) { return d ? json::value(FormatIso(*d)) : json::value(nullptr); }

}  // namespace

HttpResponse Handler::GetTaskCascade() {
  QueryParams p(req_.query, {"as_of", "due_soon_days"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto bad = p.Problems()) return FromError(*bad);
  auto task = store_.GetTask(id_);
  if (!task.ok()) return FromError(task.error());
  if (auto no = Authorize(TaskSubject(*task))) return *no;

  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  ViewContext ctx{*reg_, as_of, soon};
  auto part = [&](TaskQuery q) -> Result<json::object> {
    q.as_of = as_of;
    q.due_soon_days = soon;
    q.visible_plan_ids = *visible;
    DX_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                        Drain<Task>(std::move(q), [&](const TaskQuery& page) { return store_.ListTasks(page); }));
    json::array items;
    for (const auto& t : tasks) items.push_back(TaskView(t, ctx));
    return json::object{{"summary", TaskSummaryView(SummariseTasks(tasks, as_of, soon))}, {"items", std::move(items)}};
  };
  TaskQuery children;
  children.parent_id = task->id;
  auto kids = part(children);
  if (!kids.ok()) return FromError(kids.error());
  TaskQuery serving;
  serving.serves = task->id;
  auto implementing = part(serving);
  if (!implementing.ok()) return FromError(implementing.error());

  json::array serves;
  for (int64_t id : task->serves) {
    auto up = store_.GetTask(id);
    if (!up.ok() || !MaySee(TaskSubject(*up))) continue;
    serves.push_back(TaskView(*up, ctx));
  }
  json::value parent = nullptr;
  if (task->parent_id) {
    auto up = store_.GetTask(*task->parent_id);
    if (up.ok() && MaySee(TaskSubject(*up))) parent = TaskView(*up, ctx);
  }
  return JsonResponse(200, json::object{{"task", task->id},
                                        {"as_of", FormatIso(as_of)},
                                        {"parent", std::move(parent)},
                                        {"serves", std::move(serves)},
                                        {"children", std::move(kids).value()},
                                        {"implemented_by", std::move(implementing).value()}});
}

HttpResponse Handler::GetPlanRegistrations() {
  QueryParams p(req_.query, {"as_of"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  auto plan = store_.GetPlan(id_);
  if (!plan.ok()) return FromError(plan.error());
  if (auto no = Authorize(PlanSubject(*plan))) return *no;

  // The plans implementing this one that the caller may see: a draft the caller cannot
  // see counts as not registered, so the board never reveals it.
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  PlanQuery q;
  q.parent_id = plan->id;
  q.visible_plan_ids = std::move(visible).value();
  auto drained = Drain<Plan>(std::move(q), [&](const PlanQuery& page) { return store_.ListPlans(page); });
  if (!drained.ok()) return FromError(drained.error());
  const std::vector<Plan> children = std::move(drained).value();
  std::vector<ChildPlan> facts;
  std::map<int64_t, const Plan*> by_id;
  for (const auto& c : children) {
    facts.push_back(ChildPlan{c.id, c.issuer_id, c.decision_date, c.period_from, c.period_to});
    by_id[c.id] = &c;
  }
  auto plan_ref = [&](int64_t id) -> json::value {
    const Plan* c = by_id.at(id);
    return json::object{{"id", c->id},
                        {"key", c->key.empty() ? json::value(nullptr) : json::value(c->key)},
                        {"title", c->title},
                        {"decision_number", c->decision_number.empty() ? json::value(nullptr)
                                                                       : json::value(c->decision_number)},
                        {"decision_date", OptDateJson(c->decision_date)},
                        {"issuer", c->issuer_id},
                        {"published", c->published}};
  };

  json::array duties;
  for (size_t i = 0; i < plan->duties.size(); ++i) {
    const PlanDuty& duty = plan->duties[i];
    const std::optional<Date> due = FixedDueDate(duty.due);
    if (!due) continue;  // validation keeps these out; an old record is skipped, not failed
    std::map<RegistrationState, int> counts;
    json::array items;
    for (const auto& r : JudgeRegistrations(duty, facts, *reg_, as_of)) {
      ++counts[r.state];
      json::array others;
      for (int64_t id : r.other_plan_ids) others.push_back(plan_ref(id));
      const Unit* u = reg_->Find(r.unit_id);
      items.push_back(json::object{
          {"unit", r.unit_id},
          {"name", UnitName(*reg_, r.unit_id, *due)},
          {"kind", u ? json::value(UnitKindName(VersionOrLatest(*u, *due).kind)) : json::value(nullptr)},
          {"state", RegistrationStateName(r.state)},
          {"state_label", RegistrationStateLabelVi(r.state)},
          {"state_label_en", RegistrationStateLabelEn(r.state)},
          {"issued_on", OptDateJson(r.issued_on)},
          {"plan", r.plan_id ? plan_ref(*r.plan_id) : json::value(nullptr)},
          {"other_plans", std::move(others)}});
    }
    json::object count_json;
    for (auto st : {RegistrationState::kOnTime, RegistrationState::kLate, RegistrationState::kDrafting,
                    RegistrationState::kMissing, RegistrationState::kNotDue})
      count_json[RegistrationStateName(st)] = counts[st];
    count_json["total"] = static_cast<int64_t>(items.size());
    duties.push_back(json::object{{"index", static_cast<int64_t>(i)},
                                  {"respondent", duty.respondent},
                                  {"respondent_name", UnitName(*reg_, duty.respondent, *due)},
                                  {"what", duty.what},
                                  {"due", codec::ToJson(duty.due)},
                                  {"due_date", FormatIso(*due)},
                                  {"year", duty.year ? json::value(duty.year) : json::value(nullptr)},
                                  {"section", duty.section},
                                  {"counts", std::move(count_json)},
                                  {"items", std::move(items)}});
  }
  return JsonResponse(200, json::object{{"plan", plan->id}, {"as_of", FormatIso(as_of)}, {"duties", std::move(duties)}});
}

}  // namespace dxgov::api
