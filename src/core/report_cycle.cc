#include "core/report_cycle.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/indicator.h"
#include "text/vn_text.h"

namespace dxgov {

namespace {

constexpr size_t kMaxTitle = 1000;
constexpr size_t kMaxNarrative = 100000;

bool IsSectionKey(std::string_view k) {
  if (k.empty() || k.size() > 40) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

template <typename T>
void Unique(const std::vector<T>& items, const std::string& path, std::vector<FieldError>& errs) {
  for (size_t i = 0; i < items.size(); ++i)
    if (std::find(items.begin(), items.begin() + static_cast<long>(i), items[i]) != items.begin() + static_cast<long>(i))
      errs.push_back({path + "/" + std::to_string(i), "listed twice"});
}

Error Invalid(const char* vi, const char* en, std::vector<FieldError> errs) {
  return Error(ErrorCode::kInvalidArgument, vi, en, std::move(errs));
}

}  // namespace

std::vector<ReportSection> DefaultReportSections() {
  return {{"results", "Kết quả đạt được"},
          {"difficulties", "Khó khăn, vướng mắc"},
          {"proposals", "Đề xuất, kiến nghị"}};
}

const char* CycleStateName(CycleState s) {
  switch (s) {
    case CycleState::kDraft: return "draft";
    case CycleState::kOpen: return "open";
    case CycleState::kClosed: return "closed";
  }
  return "";
}

std::optional<CycleState> ParseCycleState(std::string_view s) {
  for (auto c : {CycleState::kDraft, CycleState::kOpen, CycleState::kClosed})
    if (s == CycleStateName(c)) return c;
  return std::nullopt;
}

Status ValidateCycle(const ReportCycle& c) {
  std::vector<FieldError> errs;
  if (text::CollapseWhitespace(c.title).empty()) errs.push_back({"/title", "required"});
  if (c.title.size() > kMaxTitle) errs.push_back({"/title", "at most 1000 bytes"});
  if (c.period.year < kMinPeriodYear || c.period.year > kMaxPeriodYear) errs.push_back({"/period", "required"});
  if (c.opens_on && c.due < *c.opens_on) errs.push_back({"/due", "before opens_on"});
  if (c.respondent_units.empty() && c.respondent_kinds.empty())
    errs.push_back({"/respondents", "name units or unit kinds"});
  for (size_t i = 0; i < c.respondent_units.size(); ++i)
    if (!IsValidUnitId(c.respondent_units[i]))
      errs.push_back({"/respondents/units/" + std::to_string(i), "a unit id"});
  for (size_t i = 0; i < c.respondent_kinds.size(); ++i)
    if (c.respondent_kinds[i] == UnitKind::kGroup)
      errs.push_back({"/respondents/kinds/" + std::to_string(i), "groups answer through their members"});
  Unique(c.respondent_units, "/respondents/units", errs);
  Unique(c.respondent_kinds, "/respondents/kinds", errs);
  Unique(c.plan_ids, "/plans", errs);
  for (size_t i = 0; i < c.plan_ids.size(); ++i)
    if (c.plan_ids[i] <= 0) errs.push_back({"/plans/" + std::to_string(i), "a plan id"});
  for (size_t i = 0; i < c.indicators.size(); ++i)
    if (!IsValidIndicatorCode(c.indicators[i])) errs.push_back({"/indicators/" + std::to_string(i), "an indicator code"});
  Unique(c.indicators, "/indicators", errs);
  std::vector<std::string> keys;
  for (size_t i = 0; i < c.sections.size(); ++i) {
    const std::string path = "/sections/" + std::to_string(i);
    if (!IsSectionKey(c.sections[i].key)) errs.push_back({path + "/key", "lowercase a-z, 0-9 and '_', 1..40"});
    if (text::CollapseWhitespace(c.sections[i].title).empty()) errs.push_back({path + "/title", "required"});
    keys.push_back(c.sections[i].key);
  }
  Unique(keys, "/sections", errs);
  if (errs.empty()) return OkStatus();
  return Invalid("Kỳ báo cáo không hợp lệ", "invalid report cycle", std::move(errs));
}

std::vector<std::string> CycleRespondents(const ReportCycle& c, const UnitRegistry& reg) {
  const Date on = LastDay(c.period);
  std::set<std::string> out;
  for (const auto& id : c.respondent_units)
    for (auto& m : reg.Expand(id, on)) {
      const Unit* u = reg.Find(m);
      if (u && ValidOn(*u, on)) out.insert(std::move(m));
    }
  if (!c.respondent_kinds.empty()) {
    const std::set<UnitKind> kinds(c.respondent_kinds.begin(), c.respondent_kinds.end());
    for (const Unit* u : reg.ValidOn(on, kinds)) out.insert(u->id);
  }
  return {out.begin(), out.end()};
}

const char* SubmissionStateName(SubmissionState s) {
  switch (s) {
    case SubmissionState::kDraft: return "draft";
    case SubmissionState::kSubmitted: return "submitted";
    case SubmissionState::kReturned: return "returned";
    case SubmissionState::kAccepted: return "accepted";
  }
  return "";
}

const char* SubmissionStateLabelVi(SubmissionState s) {
  switch (s) {
    case SubmissionState::kDraft: return "Đang soạn";
    case SubmissionState::kSubmitted: return "Đã gửi";
    case SubmissionState::kReturned: return "Bị trả lại";
    case SubmissionState::kAccepted: return "Đã chấp nhận";
  }
  return "";
}

std::optional<SubmissionState> ParseSubmissionState(std::string_view s) {
  for (auto x : {SubmissionState::kDraft, SubmissionState::kSubmitted, SubmissionState::kReturned,
                 SubmissionState::kAccepted})
    if (s == SubmissionStateName(x)) return x;
  return std::nullopt;
}

Status ValidateSubmission(const Submission& s, const SubmissionDue& due, bool complete) {
  std::vector<FieldError> errs;
  std::set<int64_t> reported;
  for (size_t i = 0; i < s.tasks.size(); ++i) {
    const TaskReport& r = s.tasks[i];
    const std::string path = "/tasks/" + std::to_string(i);
    if (std::find(due.task_ids.begin(), due.task_ids.end(), r.task_id) == due.task_ids.end())
      errs.push_back({path + "/task", "not a task this unit reports on in this cycle"});
    else if (!reported.insert(r.task_id).second)
      errs.push_back({path + "/task", "reported twice"});
    if (r.percent && (*r.percent < 0 || *r.percent > 100)) errs.push_back({path + "/percent", "0..100"});
    if (r.completed_on && r.status != TaskStatus::kDone)
      errs.push_back({path + "/completed_on", "only with status done"});
    if (r.narrative.size() > kMaxNarrative) errs.push_back({path + "/narrative", "at most 100000 bytes"});
    if (complete && !r.status) errs.push_back({path + "/status", "required when submitting"});
  }
  std::set<std::string> figures;
  for (size_t i = 0; i < s.indicators.size(); ++i) {
    const IndicatorReport& r = s.indicators[i];
    const std::string path = "/indicators/" + std::to_string(i);
    if (std::find(due.indicators.begin(), due.indicators.end(), r.indicator) == due.indicators.end())
      errs.push_back({path + "/indicator", "not an indicator of this cycle"});
    else if (!figures.insert(r.indicator).second)
      errs.push_back({path + "/indicator", "reported twice"});
    if (r.value && !std::isfinite(*r.value)) errs.push_back({path + "/value", "a finite number"});
    if (r.note.size() > 4000) errs.push_back({path + "/note", "at most 4000 bytes"});
    if (complete && !r.value && text::CollapseWhitespace(r.note).empty())
      errs.push_back({path + "/note", "a figure, or a note saying why there is none"});
  }
  for (const auto& [key, body] : s.sections) {
    if (std::find(due.section_keys.begin(), due.section_keys.end(), key) == due.section_keys.end())
      errs.push_back({"/sections/" + key, "not a section of this cycle"});
    if (body.size() > kMaxNarrative) errs.push_back({"/sections/" + key, "at most 100000 bytes"});
  }
  if (complete) {
    for (int64_t id : due.task_ids)
      if (!reported.count(id)) errs.push_back({"/tasks", "no report on task " + std::to_string(id)});
    for (const auto& code : due.indicators)
      if (!figures.count(code)) errs.push_back({"/indicators", "no figure for " + code});
    for (const auto& key : due.section_keys) {
      auto it = s.sections.find(key);
      if (it == s.sections.end() || text::CollapseWhitespace(it->second).empty())
        errs.push_back({"/sections/" + key, "required when submitting"});
    }
  }
  if (errs.empty()) return OkStatus();
  return Invalid(complete ? "Báo cáo chưa đủ nội dung để gửi" : "Báo cáo không hợp lệ",
                 complete ? "the submission is not complete" : "invalid submission", std::move(errs));
}

const char* SubmissionActionName(SubmissionAction a) {
  switch (a) {
    case SubmissionAction::kSave: return "save";
    case SubmissionAction::kSubmit: return "submit";
    case SubmissionAction::kAccept: return "accept";
    case SubmissionAction::kReturn: return "return";
  }
  return "";
}

Result<SubmissionState> NextState(SubmissionState from, SubmissionAction action, CycleState cycle) {
  auto refuse = [&](const std::string& vi, const std::string& en) -> Error {
    Error e(ErrorCode::kConflict, vi, en);
    e.detail = SubmissionStateName(from);
    return e;
  };
  const bool respondent = action == SubmissionAction::kSave || action == SubmissionAction::kSubmit;
  if (respondent && cycle != CycleState::kOpen)
    return refuse("Kỳ báo cáo không ở trạng thái mở nhận báo cáo",
                  std::string("the cycle is ") + CycleStateName(cycle) + ", not open");
  switch (action) {
    case SubmissionAction::kSave:
    case SubmissionAction::kSubmit:
      if (from == SubmissionState::kDraft || from == SubmissionState::kReturned)
        return action == SubmissionAction::kSave ? from : SubmissionState::kSubmitted;
      return refuse(from == SubmissionState::kAccepted ? "Báo cáo đã được chấp nhận, không sửa được nữa"
                                                       : "Báo cáo đã gửi, đang chờ xem xét",
                    std::string("a ") + SubmissionStateName(from) + " submission cannot be " +
                        (action == SubmissionAction::kSave ? "saved" : "submitted"));
    case SubmissionAction::kAccept:
    case SubmissionAction::kReturn:
      if (from == SubmissionState::kSubmitted)
        return action == SubmissionAction::kAccept ? SubmissionState::kAccepted : SubmissionState::kReturned;
      return refuse("Chỉ xem xét được báo cáo đã gửi",
                    std::string("only a submitted submission can be reviewed, not a ") + SubmissionStateName(from) +
                        " one");
  }
  return refuse("Thao tác không hợp lệ", "unknown action");
}

const char* ResponseStateName(ResponseState s) {
  switch (s) {
    case ResponseState::kNotStarted: return "not_started";
    case ResponseState::kDraft: return "draft";
    case ResponseState::kSubmittedOnTime: return "submitted_on_time";
    case ResponseState::kSubmittedLate: return "submitted_late";
    case ResponseState::kReturned: return "returned";
    case ResponseState::kAccepted: return "accepted";
  }
  return "";
}

const char* ResponseStateLabelVi(ResponseState s) {
  switch (s) {
    case ResponseState::kNotStarted: return "Chưa báo cáo";
    case ResponseState::kDraft: return "Đang soạn";
    case ResponseState::kSubmittedOnTime: return "Đã gửi đúng hạn";
    case ResponseState::kSubmittedLate: return "Đã gửi muộn";
    case ResponseState::kReturned: return "Bị trả lại";
    case ResponseState::kAccepted: return "Đã chấp nhận";
  }
  return "";
}

Response JudgeResponse(const ReportCycle& c, const Submission* s, Date as_of) {
  Response r;
  const std::optional<Date> first = s ? VietnamDateOf(s->first_submitted_at) : std::nullopt;
  r.late = first && c.due < *first;
  if (!s) {
    r.state = ResponseState::kNotStarted;
  } else {
    switch (s->state) {
      case SubmissionState::kDraft: r.state = ResponseState::kDraft; break;
      case SubmissionState::kSubmitted:
        r.state = r.late ? ResponseState::kSubmittedLate : ResponseState::kSubmittedOnTime;
        break;
      case SubmissionState::kReturned: r.state = ResponseState::kReturned; break;
      case SubmissionState::kAccepted: r.state = ResponseState::kAccepted; break;
    }
  }
  r.overdue = !first && c.due < as_of;
  return r;
}

Status CheckCycleChange(const ReportCycle& updated, const ReportCycle* current) {
  if (!current) {
    if (updated.state == CycleState::kClosed)
      return InvalidArgument("/state", "a new cycle is draft or open", "Kỳ báo cáo mới phải ở trạng thái nháp hoặc mở");
    return OkStatus();
  }
  if (current->state == CycleState::kDraft) {
    if (updated.state == CycleState::kClosed)
      return InvalidArgument("/state", "a draft cycle opens before it closes", "Kỳ báo cáo nháp phải mở trước khi đóng");
    return OkStatus();
  }
  std::vector<FieldError> errs;
  const char* kFixed = "cannot change once the cycle has opened";
  if (!(updated.period == current->period)) errs.push_back({"/period", kFixed});
  if (updated.respondent_units != current->respondent_units || updated.respondent_kinds != current->respondent_kinds)
    errs.push_back({"/respondents", kFixed});
  if (updated.plan_ids != current->plan_ids) errs.push_back({"/plans", kFixed});
  if (updated.indicators != current->indicators) errs.push_back({"/indicators", kFixed});
  if (updated.sections != current->sections) errs.push_back({"/sections", kFixed});
  if (updated.state == CycleState::kDraft) errs.push_back({"/state", "an opened cycle cannot go back to draft"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Kỳ báo cáo đã mở chỉ được đổi tên, ngày và trạng thái",
               "an opened cycle changes only its title, dates and state", std::move(errs));
}

std::optional<Period> FigurePeriod(const ReportCycle& c, const Indicator& ind) {
  if (PeriodsPer(ind.period_type, c.period.type) == 0) return std::nullopt;  // finer than the cycle
  return PeriodOf(LastDay(c.period), ind.period_type);
}

std::vector<std::string> IndicatorsFor(const ReportCycle& c, const std::vector<Indicator>& defs,
                                       const std::string& unit, const UnitRegistry& reg) {
  std::vector<std::string> out;
  const Unit* u = reg.Find(unit);
  if (!u) return out;
  for (const auto& code : c.indicators) {
    auto def = std::find_if(defs.begin(), defs.end(), [&](const Indicator& i) { return i.code == code; });
    if (def == defs.end() || IsDerived(*def)) continue;
    const std::optional<Period> period = FigurePeriod(c, *def);
    if (!period) continue;
    const UnitVersion* ver = VersionOn(*u, LastDay(*period));
    if (!ver) continue;
    if (std::find(def->reporting_kinds.begin(), def->reporting_kinds.end(), ver->kind) != def->reporting_kinds.end())
      out.push_back(code);
  }
  return out;
}

}  // namespace dxgov
