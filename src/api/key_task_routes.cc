// Routes for committee members' key tasks and their monthly roadmaps: the standing agency
// registers each member's key task; the member's unit sends a roadmap (month -> expected
// result) and reports each month's result; everyone who may read the plan sees, month by
// month, where the roadmap slipped.
#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/record_routes.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/key_task_json.h"

namespace dxgov::api {

namespace {

json::object StandingView(const RoadmapStanding& s) {
  return json::object{{"has_roadmap", s.has_roadmap}, {"due", s.due},
                      {"met", s.met},                 {"partly", s.partly},
                      {"not_met", s.not_met},         {"unreported", s.unreported},
                      {"slipped", s.slipped},         {"slipping", s.slipped > 0},
                      {"behind_since", s.behind_since ? json::value(s.behind_since) : json::value(nullptr)}};
}

}  // namespace

Subject Handler::KeyTaskSubject(const KeyTask& k) {
  Subject s = PlanSubjectOf(k.plan_id);
  s.lead = k.unit_id;  // the member's unit reports on it, like a task's lead
  return s;
}

json::object Handler::KeyTaskView(const KeyTask& k, Date as_of) {
  json::object o = codec::ToJson(k);
  o["unit_name"] = UnitName(*reg_, k.unit_id, as_of);
  const RoadmapStanding standing = JudgeRoadmap(k, as_of);
  json::array months;
  for (const auto& m : standing.months) {
    json::object row{{"month", m.month},
                     {"expected", m.expected ? json::value(m.expected->expected) : json::value(nullptr)},
                     {"actual", m.result ? json::value(m.result->actual) : json::value(nullptr)},
                     {"achieved", m.result ? json::value(AchievementName(m.result->achieved)) : json::value(nullptr)},
                     {"state", MonthStateName(m.state)},
                     {"state_label", MonthStateLabelVi(m.state)},
                     {"slipped", m.slipped}};
    months.push_back(std::move(row));
  }
  o["months"] = std::move(months);
  o["standing"] = StandingView(standing);
  o["as_of"] = FormatIso(as_of);
  return o;
}

Handler::Kind<KeyTask> Handler::KeyTasks() {
  Kind<KeyTask> k{"key-tasks",
                  codec::KeyTaskFromJson,
                  [this](const KeyTask& x) -> Status {
                    if (!reg_->Find(x.unit_id)) return InvalidArgument("/unit", "unknown unit", "Không có đơn vị " + x.unit_id);
                    if (!store_.GetPlan(x.plan_id).ok() || !MaySee(PlanSubjectOf(x.plan_id)))
                      return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
                    if (x.task_id) {
                      auto t = store_.GetTask(*x.task_id);
                      if (!t.ok() || t->plan_id != x.plan_id)
                        return InvalidArgument("/task_id", "not a task of the plan", "Không phải nhiệm vụ của kế hoạch");
                    }
                    return OkStatus();
                  },
                  [](WriteTxn& t, const KeyTask& x) { return t.CreateKeyTask(x); },
                  [](WriteTxn& t, const KeyTask& x, int64_t rev) { return t.ReplaceKeyTask(x, rev); },
                  [this](int64_t id) { return store_.GetKeyTask(id); },
                  [this](const KeyTask& x) { return KeyTaskView(x, Today()); }};
  k.subject = [this](const KeyTask& x) { return KeyTaskSubject(x); };
  return k;
}

HttpResponse Handler::CreateKeyTask() { return Create(KeyTasks()); }
HttpResponse Handler::PatchKeyTask() { return Patch(KeyTasks()); }

HttpResponse Handler::ListKeyTasks() {
  QueryParams p(req_.query, {"plan", "unit", "slipping", "as_of"});
  std::optional<int64_t> plan;
  if (auto v = p.Int("plan", 1, INT64_MAX)) plan = *v;
  const std::string unit = p.Str("unit").value_or("");
  if (!unit.empty() && !reg_->Find(unit)) p.Fail("/query/unit", "unknown unit '" + unit + "'");
  const bool slipping_only = p.Bool("slipping");
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto all = store_.ListKeyTasks(plan);
  if (!all.ok()) return FromError(all.error());
  json::array items;
  int with_roadmap = 0, slipping = 0;
  std::map<int64_t, bool> visible;  // by plan
  for (const auto& k : *all) {
    auto [it, fresh] = visible.try_emplace(k.plan_id, false);
    if (fresh) it->second = MaySee(PlanSubjectOf(k.plan_id));
    if (!it->second || (!unit.empty() && k.unit_id != unit)) continue;
    const bool slips = JudgeRoadmap(k, as_of).slipped > 0;
    if (slipping_only && !slips) continue;
    with_roadmap += k.roadmap.empty() ? 0 : 1;
    slipping += slips ? 1 : 0;
    items.push_back(KeyTaskView(k, as_of));
  }
  const auto total = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"as_of", FormatIso(as_of)},
                                        {"total", total},
                                        {"with_roadmap", with_roadmap},
                                        {"slipping", slipping},
                                        {"items", std::move(items)}});
}

HttpResponse Handler::GetKeyTask() {
  QueryParams p(req_.query, {"as_of"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  auto k = store_.GetKeyTask(id_);
  if (!k.ok()) return FromError(k.error());
  if (auto no = Authorize(KeyTaskSubject(*k))) return *no;
  return Single(KeyTaskView(*k, as_of), k->version);
}

HttpResponse Handler::KeyTaskHistory() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto k = store_.GetKeyTask(id_);
  if (!k.ok()) return FromError(k.error());
  if (auto no = Authorize(KeyTaskSubject(*k))) return *no;
  auto history = store_.KeyTaskHistory(id_);
  if (!history.ok()) return FromError(history.error());
  json::array items;
  for (const auto& h : *history) items.push_back(codec::ToJson(h));
  return JsonResponse(200, json::object{{"key_task", id_}, {"items", std::move(items)}});
}

HttpResponse Handler::PutRoadmap() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto k = store_.GetKeyTask(id_);
  if (!k.ok()) return FromError(k.error());
  if (auto no = Authorize(KeyTaskSubject(*k))) return *no;
  if (auto pre = Precondition(k->version)) return *pre;
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto steps = codec::RoadmapFromJson(*body, "");
  if (!steps.ok()) return Unprocessable(steps.error());
  KeyTask next = *k;
  SetRoadmap(next, std::move(steps).value());
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceKeyTask(next, k->version); });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetKeyTask(id_);
  if (!stored.ok()) return FromError(stored.error());
  return WithETag(JsonResponse(200, KeyTaskView(*stored, Today())), stored->version);
}

HttpResponse Handler::PutMonthlyResult() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  int month = 0;
  if (key_.size() <= 2 && !key_.empty() && key_.find_first_not_of("0123456789") == std::string::npos)
    month = std::stoi(key_);
  if (month < 1 || month > 12)
    return Api::ErrorResponse(404, "not_found", "Tháng phải từ 1 đến 12: " + key_, "the month must be 1..12: " + key_);
  auto k = store_.GetKeyTask(id_);
  if (!k.ok()) return FromError(k.error());
  Subject subject = KeyTaskSubject(*k);
  if (auto no = Authorize(subject)) return *no;
  if (auto pre = Precondition(k->version)) return *pre;
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto result = codec::MonthlyResultFromJson(*body, "");
  if (!result.ok()) return Unprocessable(result.error());
  MonthlyResult r = std::move(result).value();
  r.month = month;
  r.reported_by = Who().user;
  r.reported_at = NowIso();
  KeyTask next = *k;
  SetResult(next, std::move(r));
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceKeyTask(next, k->version); });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetKeyTask(id_);
  if (!stored.ok()) return FromError(stored.error());
  return WithETag(JsonResponse(200, KeyTaskView(*stored, Today())), stored->version);
}

}  // namespace dxgov::api
