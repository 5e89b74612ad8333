// Routes for report cycles (core/report_cycle.h): the standing agency opens a cycle, each
// respondent saves and submits its submission, the agency accepts or returns it.
//
// Submitting is where a report becomes data: in the same transaction as the submission's
// new state, each task report becomes a progress entry on the task (for a group task, on
// the respondent's own part of it) and each figure becomes the indicator's value for the
// period, with provenance "report".
#include <boost/json.hpp>

#include <algorithm>

#include "api/internal/handler.h"
#include "api/internal/record_routes.h"
#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/evidence_json.h"
#include "codec/report_json.h"
#include "text/vn_text.h"

namespace dxgov::api {

namespace {

json::value OptDate(const std::optional<Date>& d) { return d ? json::value(FormatIso(*d)) : json::value(nullptr); }

json::object CycleRef(const ReportCycle& c) {
  return json::object{{"id", c.id},
                      {"title", c.title},
                      {"period", FormatPeriod(c.period)},
                      {"period_label", FormatPeriodVi(c.period)},
                      {"due", FormatIso(c.due)},
                      {"state", CycleStateName(c.state)}};
}

json::object ResponseJson(const Response& r) {
  return json::object{{"state", ResponseStateName(r.state)},
                      {"state_label", ResponseStateLabelVi(r.state)},
                      {"overdue", r.overdue},
                      {"late", r.late}};
}

Error CycleNotFound(int64_t id) { return NotFound("kỳ báo cáo", "report cycle", std::to_string(id)); }

}  // namespace

// ------------------------------------------------------------ cycles

Result<ReportCycle> Handler::VisibleCycle() {
  DX_ASSIGN_OR_RETURN(ReportCycle c, store_.GetCycle(id_));
  if (c.state == CycleState::kDraft && Decide(Caller(), Action::kManageCycles, {}, *reg_, Today()) != Verdict::kAllow)
    return CycleNotFound(id_);
  return c;
}

Status Handler::CheckCycleRefs(const ReportCycle& c) {
  std::vector<FieldError> errs;
  for (size_t i = 0; i < c.plan_ids.size(); ++i) {
    auto plan = store_.GetPlan(c.plan_ids[i]);
    if (!plan.ok() || !MaySee(PlanSubject(*plan)))
      errs.push_back({"/plans/" + std::to_string(i), "unknown plan " + std::to_string(c.plan_ids[i])});
  }
  const auto defs = store_.Indicators();
  for (size_t i = 0; i < c.indicators.size(); ++i) {
    const std::string path = "/indicators/" + std::to_string(i);
    auto def = std::find_if(defs->begin(), defs->end(), [&](const Indicator& d) { return d.code == c.indicators[i]; });
    if (def == defs->end()) {
      errs.push_back({path, "unknown indicator '" + c.indicators[i] + "'"});
    } else if (IsDerived(*def)) {
      errs.push_back({path, "'" + def->code + "' is computed; list the indicators it is computed from"});
    } else if (!FigurePeriod(c, *def)) {
      errs.push_back({path, "'" + def->code + "' is reported per " + PeriodTypeName(def->period_type) +
                                ", more often than this cycle's " + PeriodTypeName(c.period.type)});
    }
  }
  for (size_t i = 0; i < c.respondent_units.size(); ++i)
    if (!reg_->Find(c.respondent_units[i]))
      errs.push_back({"/respondents/units/" + std::to_string(i), "unknown unit '" + c.respondent_units[i] + "'"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Kỳ báo cáo tham chiếu tới dữ liệu không có", "the cycle names unknown records",
               std::move(errs));
}

HttpResponse Handler::ListCycles() {
  QueryParams p(req_.query, {"state", "limit", "offset"});
  std::optional<CycleState> state;
  if (auto s = p.Str("state")) {
    state = ParseCycleState(*s);
    if (!state) p.Fail("/query/state", "must be one of draft|open|closed");
  }
  int limit = kDefaultLimit;
  int64_t offset = 0;
  p.Page(limit, offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  const bool manager = Decide(Caller(), Action::kManageCycles, {}, *reg_, Today()) == Verdict::kAllow;
  if (state == CycleState::kDraft && !manager)
    return JsonResponse(200, json::object{{"items", json::array{}}, {"total", 0}, {"limit", limit}, {"offset", offset}});
  // Drafts are few and the managers' business: others page over what they may see.
  auto all = AllPages<ReportCycle>([&](int page_limit, int64_t page_offset) {
    return store_.ListCycles(state, page_limit, page_offset);
  });
  if (!all.ok()) return FromError(all.error());
  std::vector<ReportCycle> shown;
  for (auto& c : *all)
    if (manager || c.state != CycleState::kDraft) shown.push_back(std::move(c));
  json::array items;
  for (size_t i = static_cast<size_t>(offset); i < shown.size() && items.size() < static_cast<size_t>(limit); ++i)
    items.push_back(codec::ToJson(shown[i]));
  return JsonResponse(200, json::object{{"items", std::move(items)},
                                        {"total", static_cast<int64_t>(shown.size())},
                                        {"limit", limit},
                                        {"offset", offset}});
}

Handler::Kind<ReportCycle> Handler::Cycles() {
  Kind<ReportCycle> k{"cycles",
                      codec::CycleFromJson,
                      [this](const ReportCycle& c) { return CheckCycleRefs(c); },
                      [](WriteTxn& t, const ReportCycle& c) { return t.CreateCycle(c); },
                      [](WriteTxn& t, const ReportCycle& c, int64_t rev) { return t.ReplaceCycle(c, rev); },
                      [this](int64_t id) { return store_.GetCycle(id); },
                      [](const ReportCycle& c) { return codec::ToJson(c); }};
  k.check_change = CheckCycleChange;
  k.subject = [](const ReportCycle&) { return Subject{}; };  // the standing agency's, everywhere
  return k;
}

HttpResponse Handler::CreateCycle() { return Create(Cycles()); }

HttpResponse Handler::GetCycle() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto c = VisibleCycle();
  if (!c.ok()) return FromError(c.error());
  json::object v = codec::ToJson(*c);
  json::array respondents;
  for (const auto& u : CycleRespondents(*c, *reg_)) respondents.push_back(json::string(u));
  v["respondent_ids"] = std::move(respondents);
  return Single(v, c->version);
}

HttpResponse Handler::PatchCycle() { return Patch(Cycles()); }

HttpResponse Handler::ListCycleResponses() {
  QueryParams p(req_.query, {"as_of"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto c = VisibleCycle();
  if (!c.ok()) return FromError(c.error());
  auto subs = store_.ListSubmissions(c->id);
  if (!subs.ok()) return FromError(subs.error());
  std::map<std::string, const Submission*> by_unit;
  for (const auto& s : *subs) by_unit[s.unit_id] = &s;
  std::map<std::string, int> counts;
  int overdue = 0, late = 0;
  json::array items;
  const Date when = LastDay(c->period);
  for (const auto& unit : CycleRespondents(*c, *reg_)) {
    auto it = by_unit.find(unit);
    const Submission* s = it == by_unit.end() ? nullptr : it->second;
    const Response r = JudgeResponse(*c, s, as_of);
    ++counts[ResponseStateName(r.state)];
    overdue += r.overdue;
    late += r.late;
    const Unit* u = reg_->Find(unit);
    json::object item{{"unit", unit},
                      {"name", UnitName(*reg_, unit, when)},
                      {"kind", u ? json::value(UnitKindName(VersionOrLatest(*u, when).kind)) : json::value(nullptr)},
                      {"response", ResponseJson(r)},
                      {"round", s ? s->round : 0},
                      {"first_submitted_at", s && !s->first_submitted_at.empty() ? json::value(s->first_submitted_at) : nullptr},
                      {"submitted_at", s && !s->submitted_at.empty() ? json::value(s->submitted_at) : nullptr},
                      {"reviewed_at", s && !s->reviewed_at.empty() ? json::value(s->reviewed_at) : nullptr}};
    // Whether the caller may open the submission itself (the board is for everyone).
    Subject subject;
    subject.reporting_unit = unit;
    item["readable"] = Decide(Caller(), Action::kReadReport, subject, *reg_, Today()) == Verdict::kAllow;
    items.push_back(std::move(item));
  }
  json::object by_state;
  for (ResponseState st : {ResponseState::kNotStarted, ResponseState::kDraft, ResponseState::kSubmittedOnTime,
                           ResponseState::kSubmittedLate, ResponseState::kReturned, ResponseState::kAccepted})
    by_state[ResponseStateName(st)] = counts[ResponseStateName(st)];
  const int64_t total = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"cycle", CycleRef(*c)},
                                        {"as_of", FormatIso(as_of)},
                                        {"counts", json::object{{"respondents", total},
                                                                {"by_state", std::move(by_state)},
                                                                {"overdue", overdue},
                                                                {"late", late}}},
                                        {"items", std::move(items)},
                                        {"total", total}});
}

// ------------------------------------------------------------ one respondent's submission

Result<Handler::ReportScope> Handler::ScopeOf(const ReportCycle& c, const std::string& unit) {
  ReportScope scope;
  const Date first = FirstDay(c.period), last = LastDay(c.period);
  for (int64_t plan_id : c.plan_ids) {
    TaskQuery q;
    q.plan_id = plan_id;
    q.lead = unit;
    q.include_predecessors = true;  // a merged province answers for the provinces it replaced
    q.as_of = last;
    DX_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                        Drain<Task>(std::move(q), [&](const TaskQuery& page) { return store_.ListTasks(page); }));
    for (auto& t : tasks) {
      const Unit* lead = reg_->Find(t.lead.unit_id);
      const bool group = lead && VersionOrLatest(*lead, last).kind == UnitKind::kGroup;
      TaskStatus status = t.status;
      std::optional<Date> completed = t.completed_on;
      if (group) {
        TaskAddressee own{unit, TaskStatus::kNotStarted, std::nullopt, 0};
        DX_ASSIGN_OR_RETURN(std::vector<TaskAddressee> addressees, store_.ListAddressees(t.id));
        for (const auto& a : addressees)
          if (a.unit_id == unit) own = a;
        status = own.status;
        completed = own.completed_on;
        scope.as_addressee.insert(t.id);
        scope.own_state[t.id] = own;
      }
      // Nothing to report on what was cancelled, or finished before the period began.
      if (status == TaskStatus::kCancelled) continue;
      if (status == TaskStatus::kDone && completed && *completed < first) continue;
      scope.due.task_ids.push_back(t.id);
      scope.tasks.push_back(std::move(t));
    }
  }
  scope.due.indicators = IndicatorsFor(c, *store_.Indicators(), unit, *reg_);
  for (const auto& s : c.sections) scope.due.section_keys.push_back(s.key);
  return scope;
}

std::optional<HttpResponse> Handler::LoadRespondent(ReportCycle& cycle) {
  auto c = store_.GetCycle(id_);
  if (!c.ok()) return FromError(c.error());
  Subject subject;
  subject.reporting_unit = key_;
  if (auto no = Authorize(subject)) return *no;
  // A draft cycle is its managers' until it opens.
  if (c->state == CycleState::kDraft && Decide(Caller(), Action::kManageCycles, {}, *reg_, Today()) != Verdict::kAllow)
    return FromError(CycleNotFound(id_));
  const auto respondents = CycleRespondents(*c, *reg_);
  if (!std::binary_search(respondents.begin(), respondents.end(), key_))
    return FromError(NotFound("đơn vị báo cáo trong kỳ này", "respondent of this cycle", key_));
  cycle = std::move(c).value();
  return std::nullopt;
}

json::object Handler::SubmissionPage(const ReportCycle& c, const ReportScope& scope, const Submission* s) {
  const Date as_of = Today();
  ViewContext ctx{*reg_, as_of, options_.due_soon_days};
  json::array tasks;
  for (const auto& t : scope.tasks) {
    json::object v = TaskView(t, ctx);
    const bool own = scope.as_addressee.count(t.id) > 0;
    json::object current{{"status", TaskStatusName(t.status)},
                         {"percent", t.progress_percent},
                         {"completed_on", OptDate(t.completed_on)}};
    if (own) {
      const TaskAddressee& a = scope.own_state.at(t.id);
      current = json::object{{"status", TaskStatusName(a.status)},
                             {"percent", a.progress_percent},
                             {"completed_on", OptDate(a.completed_on)}};
    }
    v["reporting_for"] = own ? json::value(key_) : json::value(nullptr);
    v["current"] = std::move(current);
    tasks.push_back(std::move(v));
  }
  const auto defs = store_.Indicators();
  json::array indicators;
  for (const auto& code : scope.due.indicators) {
    auto def = std::find_if(defs->begin(), defs->end(), [&](const Indicator& d) { return d.code == code; });
    const std::optional<Period> figure_period = def == defs->end() ? std::nullopt : FigurePeriod(c, *def);
    if (!figure_period) continue;
    const Period period = *figure_period;
    ValueQuery q;
    q.indicator = code;
    q.unit = key_;
    q.from = q.to = period;
    q.limit = 1;
    auto cur = store_.ListValues(q);
    json::value current = nullptr;
    if (cur.ok() && !cur->items.empty())
      current = json::object{{"value", cur->items.front().value},
                             {"status", ValueStatusName(cur->items.front().status)},
                             {"estimated", cur->items.front().estimated}};
    indicators.push_back(json::object{{"code", def->code},
                                      {"name", def->name},
                                      {"unit_of_measure", def->unit_of_measure},
                                      {"period", FormatPeriod(period)},
                                      {"period_label", FormatPeriodVi(period)},
                                      {"current", std::move(current)}});
  }
  json::array sections;
  for (const auto& sec : c.sections) sections.push_back(json::object{{"key", sec.key}, {"title", sec.title}});
  const Response r = JudgeResponse(c, s, as_of);
  json::array attached;
  if (s)
    if (auto evidence = store_.ListEvidence(EvidenceOwner::kSubmission, s->id); evidence.ok())
      for (const auto& ev : *evidence) attached.push_back(codec::ToJson(ev));
  return json::object{{"evidence", std::move(attached)},
                      {"cycle", CycleRef(c)},
                      {"unit", key_},
                      {"unit_name", UnitName(*reg_, key_, LastDay(c.period))},
                      {"response", ResponseJson(r)},
                      {"content", json::object{{"tasks", std::move(tasks)},
                                               {"indicators", std::move(indicators)},
                                               {"sections", std::move(sections)}}},
                      {"submission", s ? json::value(codec::ToJson(*s)) : json::value(nullptr)}};
}

HttpResponse Handler::SubmissionAnswer(const ReportCycle& c, int status, const ReportScope* known) {
  // Reread unless the caller knows it unchanged: submitting moves the tasks' state.
  auto scope = known ? Result<ReportScope>(*known) : ScopeOf(c, key_);
  if (!scope.ok()) return FromError(scope.error());
  auto s = store_.GetSubmissionFor(c.id, key_);
  if (!s.ok() && s.error().code() != ErrorCode::kNotFound) return FromError(s.error());
  json::object page = SubmissionPage(c, *scope, s.ok() ? &*s : nullptr);
  if (!s.ok()) return JsonResponse(status, page);
  if (status == 200) return Single(page, s->version);
  return WithETag(JsonResponse(status, page), s->version);
}

HttpResponse Handler::GetSubmission() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  ReportCycle c;
  if (auto no = LoadRespondent(c)) return *no;
  return SubmissionAnswer(c, 200);
}

std::optional<HttpResponse> Handler::PrepareSubmission(SubmissionAction action, SubmissionChange& change) {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  ReportCycle& c = change.cycle;
  if (auto no = LoadRespondent(c)) return *no;
  auto cur = store_.GetSubmissionFor(c.id, key_);
  if (!cur.ok() && cur.error().code() != ErrorCode::kNotFound) return FromError(cur.error());
  Submission& next = change.next;
  if (cur.ok()) {
    if (auto pre = Precondition(cur->version)) return *pre;
    change.current = *cur;
    next = *cur;
  }
  next.cycle_id = c.id;
  next.unit_id = key_;
  // Saving sends the content; submitting may, or submits the saved draft.
  if (action == SubmissionAction::kSave || !req_.body.empty()) {
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto content = codec::SubmissionFromJson(*body, "");
    if (!content.ok()) return Unprocessable(content.error());
    next.tasks = std::move(content->tasks);
    next.indicators = std::move(content->indicators);
    next.sections = std::move(content->sections);
  }
  auto next_state = NextState(change.current ? change.current->state : SubmissionState::kDraft, action, c.state);
  if (!next_state.ok()) return FromError(next_state.error());
  next.state = *next_state;
  auto scope = ScopeOf(c, key_);
  if (!scope.ok()) return FromError(scope.error());
  change.scope = std::move(scope).value();
  if (Status v = ValidateSubmission(next, change.scope.due, action == SubmissionAction::kSubmit); !v.ok())
    return Unprocessable(v.error());
  return std::nullopt;
}

HttpResponse Handler::SaveSubmission() {
  SubmissionChange change;
  if (auto no = PrepareSubmission(SubmissionAction::kSave, change)) return *no;
  const auto& cur = change.current;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    if (cur) return txn.ReplaceSubmission(change.next, cur->version);
    DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateSubmission(change.next));
    (void)id;
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  return SubmissionAnswer(change.cycle, cur ? 200 : 201, &change.scope);
}

HttpResponse Handler::SubmitSubmission() {
  SubmissionChange change;
  if (auto no = PrepareSubmission(SubmissionAction::kSubmit, change)) return *no;
  const ReportCycle& c = change.cycle;
  const auto& cur = change.current;
  Submission& next = change.next;
  const ReportScope& scope = change.scope;

  // The figures, checked as any figure is before anything is written.
  const auto defs = store_.Indicators();
  std::vector<DataValue> values;
  std::vector<FieldError> errs;
  for (size_t i = 0; i < next.indicators.size(); ++i) {
    const IndicatorReport& r = next.indicators[i];
    if (!r.value) continue;  // the note says why there is no figure
    auto def = std::find_if(defs->begin(), defs->end(), [&](const Indicator& d) { return d.code == r.indicator; });
    const std::optional<Period> period = def == defs->end() ? std::nullopt : FigurePeriod(c, *def);
    if (!period) continue;  // ValidateSubmission keeps to the indicators the unit reports
    DataValue v;
    v.indicator = r.indicator;
    v.unit_id = key_;
    v.period = *period;
    v.value = *r.value;
    v.estimated = r.estimated;
    v.note = r.note;
    v.status = ValueStatus::kSubmitted;
    if (Status ok = ValidateValue(*def, v, *reg_, Today(), "/indicators/" + std::to_string(i)); !ok.ok())
      for (const auto& f : ok.error().fields()) errs.push_back(f);
    values.push_back(std::move(v));
  }
  if (!errs.empty())
    return Unprocessable(Error(ErrorCode::kInvalidArgument, "Số liệu báo cáo không hợp lệ", "invalid figures", std::move(errs)));

  const std::string now = NowIso();
  next.round += 1;
  next.submitted_at = now;
  next.submitted_by = Who().user;
  if (next.first_submitted_at.empty()) next.first_submitted_at = now;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    const std::string label = "[" + c.title + "]";
    for (const TaskReport& r : next.tasks) {
      ProgressEntry e;
      e.task_id = r.task_id;
      if (scope.as_addressee.count(r.task_id)) e.unit_id = key_;
      e.text = r.narrative.empty() ? label : label + " " + r.narrative;
      e.percent = r.percent;
      e.status = r.status;
      e.completed_on = r.completed_on;
      e.author = Who().user;
      auto added = txn.AddProgress(e, -1);
      if (!added.ok())
        return std::move(added).error().WithContext("nhiệm vụ " + std::to_string(r.task_id), "task " + std::to_string(r.task_id));
    }
    if (!values.empty()) {
      DX_ASSIGN_OR_RETURN(ValueCounts counts, txn.PutValues(values, Provenance::kReport));
      (void)counts;
    }
    if (cur) return txn.ReplaceSubmission(next, cur->version);
    // Created as a draft and submitted, so that the trail shows the submission.
    Submission draft = next;
    draft.state = SubmissionState::kDraft;
    draft.round = 0;
    draft.submitted_at.clear();
    draft.submitted_by.clear();
    draft.first_submitted_at.clear();
    DX_ASSIGN_OR_RETURN(next.id, txn.CreateSubmission(draft));
    return txn.ReplaceSubmission(next, 1);
  });
  if (!w.ok()) return Unprocessable(w.error());
  AnnounceSubmission(c.id);
  for (int64_t plan_id : c.plan_ids) AnnounceTaskChange(plan_id);
  return SubmissionAnswer(c, 200);
}

HttpResponse Handler::Review(SubmissionAction action) {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  ReportCycle c;
  if (auto no = LoadRespondent(c)) return *no;
  auto cur = store_.GetSubmissionFor(c.id, key_);
  if (!cur.ok()) return FromError(cur.error());
  if (auto pre = Precondition(cur->version)) return *pre;
  std::string reason;
  if (action == SubmissionAction::kReturn) {
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto fields = StringFields(*body, {"reason"}, {}, fail);
    if (!fields) return fail;
    reason = fields->at("reason");
    if (text::CollapseWhitespace(reason).empty())
      return Unprocessable(InvalidArgument("/reason", "say why the report is returned", "Cần nêu lý do trả lại báo cáo"));
    if (reason.size() > 10000)
      return Unprocessable(InvalidArgument("/reason", "at most 10000 bytes", "Lý do quá dài (tối đa 10.000 byte)"));
  } else if (!req_.body.empty()) {
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    if (!StringFields(*body, {}, {}, fail)) return fail;
  }
  auto next_state = NextState(cur->state, action, c.state);
  if (!next_state.ok()) return FromError(next_state.error());
  Submission next = *cur;
  next.state = *next_state;
  next.reviewed_at = NowIso();
  next.reviewed_by = Who().user;
  next.return_reason = action == SubmissionAction::kReturn ? reason : "";
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceSubmission(next, cur->version); });
  if (!w.ok()) return FromError(w.error());
  AnnounceSubmission(c.id);
  return SubmissionAnswer(c, 200);
}

HttpResponse Handler::AcceptSubmission() { return Review(SubmissionAction::kAccept); }

HttpResponse Handler::ReturnSubmission() { return Review(SubmissionAction::kReturn); }

HttpResponse Handler::GetSubmissionHistory() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  ReportCycle c;
  if (auto no = LoadRespondent(c)) return *no;
  auto cur = store_.GetSubmissionFor(c.id, key_);
  if (!cur.ok()) return FromError(cur.error());
  auto hist = store_.SubmissionHistory(cur->id);
  if (!hist.ok()) return FromError(hist.error());
  json::array items;
  items.push_back(codec::ToJson(*cur));
  for (const auto& s : *hist) {
    json::object o = codec::ToJson(s);
    o["replaced_at"] = s.updated_at;
    items.push_back(std::move(o));
  }
  const int64_t total = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace dxgov::api
