// Report cycles: the standing agency asks units for a report on a period by a due date
// ("Báo cáo quý III/2022"), and each respondent answers with one submission.
//
// A cycle names its respondents (units or groups by list, and/or unit kinds, as valid on
// the period's last day), the plans whose tasks they report on (as lead, and per addressee
// for tasks addressed to a group they belong to), the indicators they report for the
// period, and free sections (results, difficulties, proposals). A submission is saved as a
// draft as often as wanted, then submitted; the standing agency accepts it or returns it
// with a reason, and a returned submission is corrected and submitted again. Every state a
// submission passes through is kept (the store keeps its revisions).
//
// This file holds the rules that need no storage: validation, who must answer, the state
// machine, and how a submission stands against the due date.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/status.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov {

struct ReportSection {
  std::string key;    // "results": lowercase a-z, 0-9, '_'
  std::string title;  // "Kết quả đạt được"
  bool operator==(const ReportSection&) const = default;
};

// The free sections a cycle has unless it says otherwise.
std::vector<ReportSection> DefaultReportSections();

enum class CycleState { kDraft, kOpen, kClosed };
const char* CycleStateName(CycleState s);  // "draft", "open", "closed"
std::optional<CycleState> ParseCycleState(std::string_view s);

struct ReportCycle {
  int64_t id = 0;
  std::string title;                         // "Báo cáo quý III/2022"
  Period period;                             // 2022-Q3
  std::optional<Date> opens_on;              // absent: when opened
  Date due;                                  // the last on-time day
  std::vector<std::string> respondent_units; // units or groups
  std::vector<UnitKind> respondent_kinds;    // every unit of these kinds
  std::vector<int64_t> plan_ids;             // the plans whose tasks are reported on
  std::vector<std::string> indicators;       // indicator codes reported for the period
  std::vector<ReportSection> sections;
  CycleState state = CycleState::kDraft;
  std::string created_by;
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Title, period, due not before opens_on, at least one respondent (a unit or a kind),
// group kinds not listed as kinds, unique plans/indicators/section keys of the right shape.
Status ValidateCycle(const ReportCycle& c);

// Whether a cycle may become `updated`: a new one (`current` null) is a draft or open; a
// draft opens before it closes; once opened, only the title, dates and state change (its
// period, respondents, plans, indicators and sections are what submissions answer), and it
// never goes back to draft. Each refused field is named.
Status CheckCycleChange(const ReportCycle& updated, const ReportCycle* current);

// The units that must answer: the listed units valid on the period's last day (a group
// expanded then) and every unit of the listed kinds valid then; sorted, each once.
std::vector<std::string> CycleRespondents(const ReportCycle& c, const UnitRegistry& reg);

// The period a cycle's figure for `ind` covers: the indicator's own period containing the
// cycle period's last day (a yearly indicator in the Q3 report is the year's figure so
// far). nullopt when the indicator is reported more often than the cycle runs (a monthly
// indicator in a quarterly report: the cycle cannot say which month).
std::optional<Period> FigurePeriod(const ReportCycle& c, const Indicator& ind);

// The cycle's indicators `unit` reports, in the cycle's order: defined, not derived, with a
// figure period, and reported by units of the kind `unit` has at that period's end. A code
// with no definition in `defs` is left out.
std::vector<std::string> IndicatorsFor(const ReportCycle& c, const std::vector<Indicator>& defs,
                                       const std::string& unit, const UnitRegistry& reg);

enum class SubmissionState { kDraft, kSubmitted, kReturned, kAccepted };
const char* SubmissionStateName(SubmissionState s);     // "draft", "submitted", "returned", "accepted"
const char* SubmissionStateLabelVi(SubmissionState s);  // "Đang soạn", "Đã gửi", "Bị trả lại", "Đã chấp nhận"
std::optional<SubmissionState> ParseSubmissionState(std::string_view s);

// What a respondent reports on one task.
struct TaskReport {
  int64_t task_id = 0;
  std::optional<TaskStatus> status;
  std::optional<int> percent;  // 0..100
  std::optional<Date> completed_on;
  std::string narrative;
  bool operator==(const TaskReport&) const = default;
};

// A figure for one of the cycle's indicators; no value needs a note saying why.
struct IndicatorReport {
  std::string indicator;
  std::optional<double> value;
  bool estimated = false;
  std::string note;
  bool operator==(const IndicatorReport&) const = default;
};

struct Submission {
  int64_t id = 0;
  int64_t cycle_id = 0;
  std::string unit_id;
  SubmissionState state = SubmissionState::kDraft;
  std::vector<TaskReport> tasks;
  std::vector<IndicatorReport> indicators;
  std::map<std::string, std::string> sections;  // section key -> text
  int round = 0;                 // how many times it was submitted
  std::string submitted_at;      // the last submission, ISO timestamp; "" before
  std::string submitted_by;
  std::string first_submitted_at;  // timeliness counts the first submission
  std::string reviewed_at, reviewed_by;
  std::string return_reason;     // the last return's reason
  int64_t version = 0;
  std::string created_at, updated_at;
};

// What a respondent owes in a cycle: computed by the caller from storage.
struct SubmissionDue {
  std::vector<int64_t> task_ids;         // the tasks it reports on, in plan order
  std::vector<std::string> indicators;   // = the cycle's indicators
  std::vector<std::string> section_keys; // = the cycle's section keys
};

// Checks a submission's content. Always: every report names a task of `due` at most once,
// percents 0..100, a completion date only with status done, figures only for the cycle's
// indicators and finite, sections only the cycle's and at most 100,000 bytes each.
// With `complete` (on submit): every task has a status, every indicator a figure or a note,
// every section some text. Paths: /tasks/<i>/..., /indicators/<i>/..., /sections/<key>.
Status ValidateSubmission(const Submission& s, const SubmissionDue& due, bool complete);

enum class SubmissionAction { kSave, kSubmit, kAccept, kReturn };
const char* SubmissionActionName(SubmissionAction a);

// The state after `action`, or kConflict naming the state that forbids it: a respondent
// saves and submits a draft or a returned submission; the standing agency accepts or
// returns a submitted one; an accepted submission is final. A cycle that is not open takes
// no saves or submissions (kConflict).
Result<SubmissionState> NextState(SubmissionState from, SubmissionAction action, CycleState cycle);

// How one respondent stands in a cycle on `as_of`, for the monitoring board.
enum class ResponseState { kNotStarted, kDraft, kSubmittedOnTime, kSubmittedLate, kReturned, kAccepted };
const char* ResponseStateName(ResponseState s);     // "not_started", "draft", "submitted_on_time", ...
const char* ResponseStateLabelVi(ResponseState s);
struct Response {
  ResponseState state = ResponseState::kNotStarted;
  bool overdue = false;        // not yet submitted and the due date has passed
  bool late = false;           // first submitted after the due date
};
// `submission` is null when the respondent has not started. Submission days are taken in
// Vietnam (UTC+7) from first_submitted_at.
Response JudgeResponse(const ReportCycle& c, const Submission* submission, Date as_of);

}  // namespace dxgov
