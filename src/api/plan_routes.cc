// Routes for plans, objectives and tasks: lists with filters, create and patch (one generic
// path for the three kinds), progress entries and task history.

#include "api/internal/handler.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "api/internal/record_routes.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/evidence_json.h"
#include "codec/json_codec.h"
#include "text/vn_text.h"

namespace dxgov::api {

// Every unit a task names exists; paths point at the offending member.
Status Handler::CheckUnitRefs(const Task& t) {
  std::vector<FieldError> errs;
  auto check = [&](const std::string& id, const std::string& path) {
    if (!id.empty() && !reg_->Find(id)) errs.push_back({path, "unknown unit '" + id + "'"});
  };
  check(t.lead.unit_id, "/lead/unit");
  for (size_t i = 0; i < t.coordinators.size(); ++i)
    check(t.coordinators[i].unit_id, "/coordinators/" + std::to_string(i) + "/unit");
  if (t.support_unit) check(t.support_unit->unit_id, "/support_unit/unit");
  if (t.deadline && !t.deadline->unit.empty()) check(t.deadline->unit, "/deadline/unit");
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Nhiệm vụ nhắc tới đơn vị không có trong danh mục",
               "the task names units that do not exist", std::move(errs));
}

HttpResponse Handler::ListPlans() {
  QueryParams p(req_.query, {"kind", "parent", "issuer", "limit", "offset"});
  PlanQuery q;
  q.kind = p.Str("kind").value_or("");
  if (auto pid = p.Int("parent", 1, INT64_MAX)) q.parent_id = *pid;
  q.issuer = p.Str("issuer").value_or("");
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  q.visible_plan_ids = std::move(visible).value();
  auto page = store_.ListPlans(q);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& plan : page->items) items.push_back(PlanView(plan));
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

json::object Handler::PlanView(const Plan& plan) {
  json::object o = codec::ToJson(plan);
  if (!plan.issuer_id.empty()) o["decision"].as_object()["issuer_name"] = UnitName(*reg_, plan.issuer_id, Today());
  return o;
}

HttpResponse Handler::GetPlan() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto plan = store_.GetPlan(id_);
  if (!plan.ok()) return FromError(plan.error());
  if (auto no = Authorize(PlanSubject(*plan))) return *no;
  return Single(PlanView(*plan), plan->version);
}

Status Handler::CheckPlanRefs(const Plan& plan) {
  if (!plan.issuer_id.empty() && !reg_->Find(plan.issuer_id))
    return InvalidArgument("/decision/issuer", "unknown unit '" + plan.issuer_id + "'",
                           "Không có đơn vị ban hành " + plan.issuer_id);
  if (plan.parent_id) {
    if (*plan.parent_id == plan.id) return InvalidArgument("/parent_id", "a plan cannot be its own parent",
                                                           "Kế hoạch không thể là cha của chính nó");
    auto parent = store_.GetPlan(*plan.parent_id);
    if (!parent.ok() || !MaySee(PlanSubject(*parent)))
      return InvalidArgument("/parent_id", "unknown plan", "Không có kế hoạch cha");
    if (plan.id) {  // no cycles: the new parent must not sit below this plan
      auto below = store_.PlanSubtree(plan.id);
      if (below.ok() && std::count(below->begin(), below->end(), *plan.parent_id))
        return InvalidArgument("/parent_id", "would make a cycle", "Quan hệ kế hoạch cha - con bị vòng lặp");
    }
  }
  for (size_t i = 0; i < plan.duties.size(); ++i)
    if (!reg_->Find(plan.duties[i].respondent))
      return InvalidArgument("/duties/" + std::to_string(i) + "/respondent",
                             "unknown unit '" + plan.duties[i].respondent + "'",
                             "Không có đơn vị " + plan.duties[i].respondent);
  return OkStatus();
}

HttpResponse Handler::ListObjectives() {
  QueryParams p(req_.query, {"plan", "under_plan", "q", "limit", "offset"});
  ObjectiveQuery q;
  if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
  if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
  q.q = p.Str("q").value_or("");
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  q.visible_plan_ids = std::move(visible).value();
  auto page = store_.ListObjectives(q);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& o : page->items) items.push_back(ObjectiveView(o));
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

json::object Handler::ObjectiveView(const Objective& o) {
  json::object v = codec::ToJson(o);
  auto& targets = v["targets"].as_array();
  for (size_t i = 0; i < targets.size(); ++i) targets[i].as_object()["label"] = DescribeTargetVi(o.targets[i]);
  return v;
}

HttpResponse Handler::GetObjective() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto o = store_.GetObjective(id_);
  if (!o.ok()) return FromError(o.error());
  if (auto no = Authorize(PlanSubjectOf(o->plan_id))) return *no;
  return Single(ObjectiveView(*o), o->version);
}

Status Handler::CheckObjectiveRefs(const Objective& o) {
  if (!store_.GetPlan(o.plan_id).ok()) return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
  for (size_t i = 0; i < o.targets.size(); ++i)
    if (!o.targets[i].scope_unit_id.empty() && !reg_->Find(o.targets[i].scope_unit_id))
      return InvalidArgument("/targets/" + std::to_string(i) + "/scope_unit", "unknown unit", "Không có đơn vị");
  return OkStatus();
}

HttpResponse Handler::ListTasks() {
  QueryParams p(req_.query, {"plan", "under_plan", "section", "lead", "coordinator", "unit", "include_predecessors", "status",
                  "timeliness", "as_of", "due_from", "due_to", "q", "objective", "parent", "serves", "sort", "limit",
                  "offset", "due_soon_days"});
  TaskQuery q;
  if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
  if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
  q.section = p.Str("section").value_or("");
  q.lead = p.Str("lead").value_or("");
  q.coordinator = p.Str("coordinator").value_or("");
  q.unit = p.Str("unit").value_or("");
  for (const auto* f : {&q.lead, &q.coordinator, &q.unit})
    if (!f->empty() && !reg_->Find(*f))
      p.Fail(f == &q.lead ? "/query/lead" : f == &q.coordinator ? "/query/coordinator" : "/query/unit",
             "unknown unit '" + *f + "'");
  q.include_predecessors = p.Bool("include_predecessors");
  q.statuses = p.List<TaskStatus>("status", ParseTaskStatus, "not_started|in_progress|done|paused|cancelled");
  q.timeliness = p.List<Timeliness>("timeliness", ParseTimeliness,
                                    "on_time|due_soon|overdue|done_on_time|done_late|no_deadline");
  q.as_of = p.DateP("as_of");
  q.due_from = p.DateP("due_from");
  q.due_to = p.DateP("due_to");
  if (q.due_from && q.due_to && *q.due_to < *q.due_from) p.Fail("/query/due_to", "before due_from");
  q.q = p.Str("q").value_or("");
  if (auto v = p.Int("objective", 1, INT64_MAX)) q.objective_id = *v;
  if (auto v = p.Int("parent", 1, INT64_MAX)) q.parent_id = *v;
  if (auto v = p.Int("serves", 1, INT64_MAX)) q.serves = *v;
  q.due_soon_days = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto s = p.Str("sort")) {
    std::string key = *s;
    q.descending = !key.empty() && key[0] == '-';
    if (q.descending) key = key.substr(1);
    static const std::map<std::string, TaskSort> kSorts = {
        {"number", TaskSort::kNumber}, {"title", TaskSort::kTitle}, {"deadline", TaskSort::kDeadline},
        {"lead", TaskSort::kLead},     {"status", TaskSort::kStatus}, {"updated", TaskSort::kUpdated}};
    auto it = kSorts.find(key);
    if (it == kSorts.end()) p.Fail("/query/sort", "one of number|title|deadline|lead|status|updated, '-' for descending");
    else q.sort = it->second;
  }
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  const Date as_of = q.as_of.value_or(Today());
  q.as_of = as_of;
  if (auto no = Authorize(Subject{})) return *no;
  auto visible = VisiblePlans();
  if (!visible.ok()) return FromError(visible.error());
  q.visible_plan_ids = std::move(visible).value();
  auto page = store_.ListTasks(q);
  if (!page.ok()) return FromError(page.error());
  ViewContext ctx{*reg_, as_of, q.due_soon_days};
  json::array items;
  for (const auto& t : page->items) items.push_back(TaskView(t, ctx));
  json::object body = PageJson(*page, std::move(items));
  body["as_of"] = FormatIso(as_of);
  return JsonResponse(200, body);
}

json::object Handler::TaskDetail(const Task& t, Date as_of, int soon) {
  ViewContext ctx{*reg_, as_of, soon};
  json::object o = TaskView(t, ctx);
  const Unit* lead = reg_->Find(t.lead.unit_id);
  if (lead && VersionOrLatest(*lead, as_of).kind == UnitKind::kGroup) {
    // A task addressed to a group is tracked per member valid on as_of.
    auto rows = store_.ListAddressees(t.id);
    std::map<std::string, TaskAddressee> state;
    if (rows.ok())
      for (auto& a : *rows) state[a.unit_id] = a;
    json::array addressees;
    for (const auto& m : reg_->Expand(t.lead.unit_id, as_of)) {
      TaskAddressee a{m, TaskStatus::kNotStarted, std::nullopt, 0};
      if (auto it = state.find(m); it != state.end()) a = it->second;
      auto tl = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr, a.completed_on,
                                a.status == TaskStatus::kCancelled, as_of, soon);
      addressees.push_back(json::object{
          {"unit", m}, {"name", UnitName(*reg_, m, as_of)}, {"status", TaskStatusName(a.status)},
          {"status_label", TaskStatusLabelVi(a.status)},
          {"completed_on", a.completed_on ? json::value(FormatIso(*a.completed_on)) : json::value(nullptr)},
          {"progress_percent", a.progress_percent},
          {"timeliness", tl ? json::value(TimelinessName(*tl)) : json::value(nullptr)}});
    }
    o["addressees"] = std::move(addressees);
  }
  return o;
}

HttpResponse Handler::GetTask() {
  const int64_t id = id_;
  QueryParams p(req_.query, {"as_of", "due_soon_days"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto bad = p.Problems()) return FromError(*bad);
  auto t = store_.GetTask(id);
  if (!t.ok()) return FromError(t.error());
  if (auto no = Authorize(TaskSubject(*t))) return *no;
  json::object detail = TaskDetail(*t, as_of, soon);
  // Whether the caller may report progress on it (for itself, on a task addressed to a group
  // it belongs to), so that a client offers the form only to those the server will accept.
  Subject report = TaskSubject(*t);
  if (principal_) {
    const auto members = reg_->Expand(t->lead.unit_id, Today());
    if (std::find(members.begin(), members.end(), principal_->unit_id) != members.end() && t->lead.unit_id != principal_->unit_id)
      report.reporting_unit = principal_->unit_id;
  }
  detail["may_report"] = principal_ && Decide(Caller(), Action::kReportProgress, report, *reg_, Today()) == Verdict::kAllow;
  return Single(detail, t->version);
}

// Checks what needs storage: units exist, the plan and parent exist, objectives exist.
Status Handler::CheckTaskRefs(const Task& t) {
  DX_RETURN_IF_ERROR(CheckUnitRefs(t));
  if (!store_.GetPlan(t.plan_id).ok()) return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
  if (t.parent_id) {
    auto parent = store_.GetTask(*t.parent_id);
    if (!parent.ok() || !MaySee(TaskSubject(*parent)))
      return InvalidArgument("/parent_id", "unknown task", "Không có nhiệm vụ cha");
    if (t.id) {  // no cycles through the parent chain
      std::optional<int64_t> cur = parent->parent_id;
      for (int depth = 0; cur && depth < 1000; ++depth) {
        if (*cur == t.id) return InvalidArgument("/parent_id", "would make a cycle", "Quan hệ cha - con bị vòng lặp");
        auto up = store_.GetTask(*cur);
        cur = up.ok() ? up->parent_id : std::nullopt;
      }
    }
  }
  for (size_t i = 0; i < t.serves.size(); ++i) {
    const std::string path = "/serves/" + std::to_string(i);
    auto served = store_.GetTask(t.serves[i]);
    if (!served.ok() || !MaySee(TaskSubject(*served)))
      return InvalidArgument(path, "unknown task", "Không có nhiệm vụ " + std::to_string(t.serves[i]));
    if (served->plan_id == t.plan_id)
      return InvalidArgument(path, "a task of the same plan; a sub-task names it as parent_id",
                             "Nhiệm vụ cùng kế hoạch; nhiệm vụ con ghi nhiệm vụ cha ở parent_id");
  }
  for (size_t i = 0; i < t.objective_ids.size(); ++i)
    if (!store_.GetObjective(t.objective_ids[i]).ok())
      return InvalidArgument("/objective_ids/" + std::to_string(i), "unknown objective", "Không có mục tiêu");
  return OkStatus();
}

// Marking a task done without saying when means today; a completion date carried over
// from the stored task is dropped when the task leaves "done". A date the client itself
// sends with another status stays, and validation rejects it.
void Handler::SettleCompletion(json::value& merged, const json::object& sent) {
  auto& o = merged.as_object();
  auto* status = o.if_contains("status");
  const bool done = status && status->is_string() && status->get_string() == "done";
  auto* completed = o.if_contains("completed_on");
  const bool has_date = completed && !completed->is_null();
  if (done && !has_date) o["completed_on"] = FormatIso(Today());
  if (!done && has_date && !sent.contains("completed_on")) o.erase("completed_on");
}

Handler::Kind<Plan> Handler::Plans() {
  return {"plans",
          codec::PlanFromJson,
          [this](const Plan& x) { return CheckPlanRefs(x); },
          [](WriteTxn& t, const Plan& x) { return t.CreatePlan(x); },
          [](WriteTxn& t, const Plan& x, int64_t rev) { return t.ReplacePlan(x, rev); },
          [this](int64_t id) { return store_.GetPlan(id); },
          [this](const Plan& x) { return PlanView(x); },
          nullptr,
          nullptr,
          [this](const Plan& x) { return PlanSubject(x); }};
}

Handler::Kind<Objective> Handler::Objectives() {
  return {"objectives",
          codec::ObjectiveFromJson,
          [this](const Objective& x) { return CheckObjectiveRefs(x); },
          [](WriteTxn& t, const Objective& x) { return t.CreateObjective(x); },
          [](WriteTxn& t, const Objective& x, int64_t rev) { return t.ReplaceObjective(x, rev); },
          [this](int64_t id) { return store_.GetObjective(id); },
          [this](const Objective& x) { return ObjectiveView(x); },
          nullptr,
          nullptr,
          [this](const Objective& x) { return PlanSubjectOf(x.plan_id); }};
}

Handler::Kind<Task> Handler::Tasks() {
  Kind<Task> k{"tasks",
               codec::TaskFromJson,
               [this](const Task& x) { return CheckTaskRefs(x); },
               [](WriteTxn& t, const Task& x) { return t.CreateTask(x); },
               [](WriteTxn& t, const Task& x, int64_t rev) { return t.ReplaceTask(x, rev); },
               [this](int64_t id) { return store_.GetTask(id); },
               [this](const Task& x) { return TaskDetail(x, Today(), options_.due_soon_days); }};
  k.settle = [this](json::value& merged, const json::object& sent) { SettleCompletion(merged, sent); };
  k.subject = [this](const Task& x) { return TaskSubject(x); };
  k.changes_assignment = [](const Task& updated, const Task& current) {
    Task same = updated;  // the lead's own fields taken from the current task
    same.status = current.status;
    same.completed_on = current.completed_on;
    same.progress_percent = current.progress_percent;
    same.version = current.version;
    same.created_at = current.created_at;
    same.updated_at = current.updated_at;
    return codec::ToJson(same) != codec::ToJson(current);
  };
  k.check_change = [](const Task& updated, const Task* current) -> Status {
    if (current && updated.plan_id != current->plan_id)
      return InvalidArgument("/plan_id", "a task cannot move to another plan",
                             "Không được chuyển nhiệm vụ sang kế hoạch khác");
    return OkStatus();
  };
  return k;
}

HttpResponse Handler::ListProgress() {
  const int64_t id = id_;
  QueryParams p(req_.query, {"limit", "offset"});
  int limit;
  int64_t offset;
  p.Page(limit, offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  auto task = store_.GetTask(id);
  if (!task.ok()) return FromError(task.error());
  if (auto no = Authorize(TaskSubject(*task))) return *no;
  auto page = store_.ListProgress(id, limit, offset);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& e : page->items) {
    json::object o = codec::ToJson(e);
    if (!e.unit_id.empty()) o["unit_name"] = UnitName(*reg_, e.unit_id, Today());
    // The files and links backing the entry, so a reader sees them without asking each.
    auto evidence = store_.ListEvidence(EvidenceOwner::kProgress, e.id);
    if (!evidence.ok()) return FromError(evidence.error());
    json::array attached;
    for (const auto& ev : *evidence) attached.push_back(codec::ToJson(ev));
    o["evidence"] = std::move(attached);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

HttpResponse Handler::AddProgress() {
  const int64_t id = id_;
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = store_.GetTask(id);
  if (!cur.ok()) return FromError(cur.error());
  int64_t expected = -1;  // If-Match is optional here: entries append; when given it is checked
  if (!req_.if_match.empty()) {
    if (auto pre = Precondition(cur->version)) return *pre;
    expected = cur->version;
  }
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto e = codec::ProgressFromJson(*body, "");
  if (!e.ok()) return Unprocessable(e.error());
  e->task_id = id;
  e->id = 0;
  e->at.clear();
  e->author = Who().user;
  const Unit* lead = reg_->Find(cur->lead.unit_id);
  auto members = reg_->Expand(cur->lead.unit_id, Today());
  const bool group = lead && VersionOrLatest(*lead, Today()).kind == UnitKind::kGroup;
  // An addressee of a group task reports for itself without having to say so.
  if (e->unit_id.empty() && group && principal_ &&
      std::find(members.begin(), members.end(), principal_->unit_id) != members.end())
    e->unit_id = principal_->unit_id;
  Subject subject = TaskSubject(*cur);
  subject.reporting_unit = e->unit_id;
  subject.comment_only = !e->percent && !e->status && !e->completed_on;
  if (auto no = Authorize(subject)) return *no;
  if (!e->unit_id.empty()) {
    if (!reg_->Find(e->unit_id)) return Unprocessable(InvalidArgument("/unit", "unknown unit", "Không có đơn vị"));
    if (group && std::find(members.begin(), members.end(), e->unit_id) == members.end())
      return Unprocessable(InvalidArgument("/unit", "not an addressee of this task",
                                           "Đơn vị không thuộc đối tượng được giao nhiệm vụ"));
  }
  int64_t entry_id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(entry_id, txn.AddProgress(*e, expected));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto task = store_.GetTask(id);
  if (!task.ok()) return FromError(task.error());
  auto entries = store_.ListProgress(id, 1, 0);
  json::object out{{"task", TaskDetail(*task, Today(), options_.due_soon_days)}};
  if (entries.ok() && !entries->items.empty()) out["entry"] = codec::ToJson(entries->items.front());
  AnnounceTaskChange(task->plan_id);
  HttpResponse r = WithETag(JsonResponse(201, out), task->version);
  r.headers.emplace_back("Location", "/api/tasks/" + std::to_string(id) + "/progress");
  return r;
}

HttpResponse Handler::TaskHistory() {
  const int64_t id = id_;
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = store_.GetTask(id);
  if (!cur.ok()) return FromError(cur.error());
  if (auto no = Authorize(TaskSubject(*cur))) return *no;
  auto hist = store_.TaskHistory(id);
  if (!hist.ok()) return FromError(hist.error());
  json::array items;
  items.push_back(codec::ToJson(*cur));
  for (const auto& t : *hist) {
    json::object o = codec::ToJson(t);
    o["replaced_at"] = t.updated_at;
    o.erase("created_at");
    o.erase("updated_at");
    items.push_back(std::move(o));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", items.size()}});
}

// Zero-argument forms of the generic kinds, for the route table.
HttpResponse Handler::CreatePlan() { return Create(Plans()); }

HttpResponse Handler::PatchPlan() { return Patch(Plans()); }

HttpResponse Handler::CreateObjective() { return Create(Objectives()); }

HttpResponse Handler::PatchObjective() { return Patch(Objectives()); }

HttpResponse Handler::CreateTask() { return Create(Tasks()); }

HttpResponse Handler::PatchTask() {
  HttpResponse r = Patch(Tasks());
  if (r.status == 200)
    if (auto t = store_.GetTask(id_); t.ok()) AnnounceTaskChange(t->plan_id);
  return r;
}

}  // namespace dxgov::api
