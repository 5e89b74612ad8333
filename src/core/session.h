// Sessions of the national committee: the regular quarterly sessions, the six-month and
// annual reviews, thematic sessions called when a difficulty needs settling at once. A
// plan schedules them by month ("Dự kiến thời gian các phiên họp: Tháng 3, Tháng 7 (sơ kết
// 6 tháng), Tháng 9, Tháng 11 (Tổng kết năm)"); each is then fixed to a date, given an
// agenda and documents, and held. Its conclusions notice (thông báo kết luận) is a plan of
// kind "conclusions" whose items are tasks, tracked like any other; the session lists the
// notices it gave rise to.
//
// This file holds the record and the rules that need no storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/plan.h"
#include "core/status.h"

namespace dxgov {

enum class SessionKind { kRegular, kSixMonthReview, kAnnualReview, kThematic };
const char* SessionKindName(SessionKind k);     // "regular", "six_month_review", "annual_review", "thematic"
const char* SessionKindLabelVi(SessionKind k);  // "Phiên họp định kỳ", "Sơ kết 6 tháng", ...
const char* SessionKindLabelEn(SessionKind k);
std::optional<SessionKind> ParseSessionKind(std::string_view s);

enum class CommitteeSessionState { kPlanned, kHeld, kCancelled };
const char* CommitteeSessionStateName(CommitteeSessionState s);  // "planned", "held", "cancelled"
const char* CommitteeSessionStateLabelVi(CommitteeSessionState s);
std::optional<CommitteeSessionState> ParseCommitteeSessionState(std::string_view s);

struct AgendaItem {
  std::string time;       // "14h00"; may be empty
  std::string title;      // "Báo cáo đề dẫn thảo luận về chuyển đổi số quốc gia"
  std::string presenter;  // "Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng"
  bool operator==(const AgendaItem&) const = default;
};

struct SessionDocument {
  std::string title;      // "Dự thảo Kế hoạch hoạt động của Ủy ban Quốc gia năm 2022"
  std::string reference;  // a number ("1619/QĐ-TTg"), a page or an address; may be empty
  bool operator==(const SessionDocument&) const = default;
};

struct CommitteeSession {
  int64_t id = 0;
  std::string committee_id;  // the committee that meets ("ubqg-cds")
  int number = 0;            // "Phiên họp lần thứ nhất" = 1; 0 when not numbered
  std::string title;
  SessionKind kind = SessionKind::kRegular;
  int year = 0;              // the month it is planned for
  int month = 0;             // 1..12
  std::optional<Date> date;  // once fixed; in the planned month unless moved (then month follows)
  std::string time;          // "14h00"
  std::string place;
  std::string chair;
  std::vector<AgendaItem> agenda;
  std::vector<SessionDocument> documents;
  CommitteeSessionState state = CommitteeSessionState::kPlanned;
  std::optional<int64_t> plan_id;             // the plan that scheduled it
  std::vector<int64_t> conclusion_plan_ids;   // its conclusions notices (plans of kind "conclusions")
  std::optional<SourceRef> source;
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Committee id and title present, year 2000..2100, month 1..12, a date (when given) in that
// year and month, a held session has a date, agenda titles and document titles present,
// notices listed once. Paths name each bad field.
Status ValidateSession(const CommitteeSession& s);

// The month of a session in a schedule as a plan states it, with its kind.
struct ScheduledSession {
  int month = 0;
  SessionKind kind = SessionKind::kRegular;
  bool operator==(const ScheduledSession&) const = default;
};

// The session a schedule plans for `month` of `year`, by `committee`, titled by its kind
// ("Phiên họp sơ kết 6 tháng tháng 7/2022"); planned, with no date yet.
CommitteeSession PlannedSession(const std::string& committee, int year, int month, SessionKind kind);

// Reads a schedule phrase: "Tháng 3, Tháng 7 (sơ kết 6 tháng), Tháng 9, Tháng 11 (Tổng kết
// năm)" -> 3 regular, 7 six-month review, 9 regular, 11 annual review. "Tháng" may be
// lower-case or abbreviated ("T3"); "quý" and other words are ignored. Empty when the phrase
// names no month.
std::vector<ScheduledSession> ParseSessionSchedule(std::string_view phrase);

}  // namespace dxgov
