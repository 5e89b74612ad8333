// Routes for the national committee's sessions: the schedule a plan sets (regular sessions,
// the six-month and annual reviews), each session's date, agenda and documents, and the
// conclusions notices whose items become tasks tracked like any other.
#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/record_routes.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/session_json.h"
#include "core/cascade.h"

namespace dxgov::api {

json::object Handler::SessionView(const CommitteeSession& s, Date as_of, bool with_notices) {
  json::object o = codec::ToJson(s);
  o["committee_name"] = UnitName(*reg_, s.committee_id, as_of);
  if (!with_notices) return o;
  json::array notices;
  for (int64_t id : s.conclusion_plan_ids) {
    auto plan = store_.GetPlan(id);
    if (!plan.ok() || !MaySee(PlanSubject(*plan))) continue;
    TaskQuery q;
    q.plan_id = id;
    q.as_of = as_of;
    auto tasks = Drain<Task>(q, [&](const TaskQuery& page) { return store_.ListTasks(page); });
    json::object n{{"plan_id", id},
                   {"key", plan->key},
                   {"number", plan->decision_number},
                   {"date", plan->decision_date ? json::value(FormatIso(*plan->decision_date)) : json::value(nullptr)},
                   {"issuer", plan->issuer_id},
                   {"issuer_name", UnitName(*reg_, plan->issuer_id, as_of)},
                   {"title", plan->title}};
    if (tasks.ok()) n["summary"] = TaskSummaryView(SummariseTasks(*tasks, as_of, options_.due_soon_days));
    notices.push_back(std::move(n));
  }
  o["notices"] = std::move(notices);
  o["as_of"] = FormatIso(as_of);
  return o;
}

Handler::Kind<CommitteeSession> Handler::CommitteeSessions() {
  Kind<CommitteeSession> k{
      "committee-sessions",
      codec::SessionFromJson,
      [this](const CommitteeSession& s) -> Status {
        if (!reg_->Find(s.committee_id))
          return InvalidArgument("/committee", "unknown unit", "Không có đơn vị " + s.committee_id);
        if (s.plan_id && (!store_.GetPlan(*s.plan_id).ok() || !MaySee(PlanSubjectOf(*s.plan_id))))
          return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
        return OkStatus();
      },
      [](WriteTxn& t, const CommitteeSession& s) { return t.CreateCommitteeSession(s); },
      [this](WriteTxn& t, const CommitteeSession& s, int64_t rev) -> Status {
        // A client never sends the notices (they come through .../conclusions): keep them.
        CommitteeSession next = s;
        DX_ASSIGN_OR_RETURN(CommitteeSession stored, store_.GetCommitteeSession(s.id));
        next.conclusion_plan_ids = stored.conclusion_plan_ids;
        return t.ReplaceCommitteeSession(next, rev);
      },
      [this](int64_t id) { return store_.GetCommitteeSession(id); },
      [this](const CommitteeSession& s) { return SessionView(s, Today(), true); }};
  k.subject = [](const CommitteeSession&) { return Subject{}; };
  return k;
}

HttpResponse Handler::CreateCommitteeSession() { return Create(CommitteeSessions()); }
HttpResponse Handler::PatchCommitteeSession() { return Patch(CommitteeSessions()); }

HttpResponse Handler::ListCommitteeSessions() {
  QueryParams p(req_.query, {"year", "as_of"});
  std::optional<int> year;
  if (auto v = p.Int("year", 2000, 2100)) year = static_cast<int>(*v);
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto all = store_.ListCommitteeSessions(year);
  if (!all.ok()) return FromError(all.error());
  json::array items;
  for (const auto& s : *all) items.push_back(SessionView(s, as_of, false));
  const auto total = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"total", total}, {"items", std::move(items)}});
}

HttpResponse Handler::GetCommitteeSession() {
  QueryParams p(req_.query, {"as_of"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto s = store_.GetCommitteeSession(id_);
  if (!s.ok()) return FromError(s.error());
  return Single(SessionView(*s, as_of, true), s->version);
}

HttpResponse Handler::AddConclusions() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto session = store_.GetCommitteeSession(id_);
  if (!session.ok()) return FromError(session.error());
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto notice = codec::NoticeFromJson(*body, "");
  if (!notice.ok()) return Unprocessable(notice.error());
  Plan plan = notice->plan;
  plan.parent_id = session->plan_id;  // the notice carries on the plan that scheduled the session
  if (auto s = CheckPlanRefs(plan); !s.ok()) return Unprocessable(s.error());
  std::vector<FieldError> unknown;
  for (size_t i = 0; i < notice->tasks.size(); ++i) {
    Status refs = CheckUnitRefs(notice->tasks[i]);
    if (!refs.ok())
      for (const auto& f : refs.error().fields()) unknown.push_back({"/items/" + std::to_string(i) + f.path, f.reason});
  }
  if (!unknown.empty())
    return Unprocessable(Error(ErrorCode::kInvalidArgument, "Thông báo kết luận nhắc tới đơn vị không có trong danh mục",
                               "the notice names units that do not exist", std::move(unknown)));
  int64_t plan_id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(plan_id, txn.CreatePlan(plan));
    for (Task t : notice->tasks) {
      t.plan_id = plan_id;
      DX_ASSIGN_OR_RETURN(int64_t task_id, txn.CreateTask(t));
      (void)task_id;
    }
    CommitteeSession next = *session;
    next.conclusion_plan_ids.push_back(plan_id);
    return txn.ReplaceCommitteeSession(next, session->version);
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetCommitteeSession(id_);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = JsonResponse(201, json::object{{"plan", json::object{{"id", plan_id}, {"key", plan.key}}},
                                                  {"tasks", notice->tasks.size()},
                                                  {"session", SessionView(*stored, Today(), true)}});
  r.headers.emplace_back("Location", "/api/plans/" + std::to_string(plan_id));
  return r;
}

}  // namespace dxgov::api
