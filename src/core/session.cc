#include "core/session.h"

#include <algorithm>
#include <cctype>

#include "core/unit.h"
#include "text/vn_text.h"

namespace dxgov {

namespace {

constexpr SessionKind kKinds[] = {SessionKind::kRegular, SessionKind::kSixMonthReview, SessionKind::kAnnualReview,
                                  SessionKind::kThematic};

bool Blank(const std::string& s) { return text::CollapseWhitespace(s).empty(); }

}  // namespace

const char* SessionKindName(SessionKind k) {
  switch (k) {
    case SessionKind::kRegular: return "regular";
    case SessionKind::kSixMonthReview: return "six_month_review";
    case SessionKind::kAnnualReview: return "annual_review";
    case SessionKind::kThematic: return "thematic";
  }
  return "regular";
}
const char* SessionKindLabelVi(SessionKind k) {
  switch (k) {
    case SessionKind::kRegular: return "Phiên họp định kỳ";
    case SessionKind::kSixMonthReview: return "Phiên họp sơ kết 6 tháng";
    case SessionKind::kAnnualReview: return "Phiên họp tổng kết năm";
    case SessionKind::kThematic: return "Phiên họp chuyên đề";
  }
  return "Phiên họp định kỳ";
}
const char* SessionKindLabelEn(SessionKind k) {
  switch (k) {
    case SessionKind::kRegular: return "Regular session";
    case SessionKind::kSixMonthReview: return "Six-month review";
    case SessionKind::kAnnualReview: return "Annual review";
    case SessionKind::kThematic: return "Thematic session";
  }
  return "Regular session";
}
std::optional<SessionKind> ParseSessionKind(std::string_view s) {
  for (SessionKind k : kKinds)
    if (s == SessionKindName(k)) return k;
  return std::nullopt;
}

const char* CommitteeSessionStateName(CommitteeSessionState s) {
  switch (s) {
    case CommitteeSessionState::kPlanned: return "planned";
    case CommitteeSessionState::kHeld: return "held";
    case CommitteeSessionState::kCancelled: return "cancelled";
  }
  return "planned";
}
const char* CommitteeSessionStateLabelVi(CommitteeSessionState s) {
  switch (s) {
    case CommitteeSessionState::kPlanned: return "Dự kiến";
    case CommitteeSessionState::kHeld: return "Đã họp";
    case CommitteeSessionState::kCancelled: return "Hủy";
  }
  return "Dự kiến";
}
std::optional<CommitteeSessionState> ParseCommitteeSessionState(std::string_view s) {
  for (CommitteeSessionState x : {CommitteeSessionState::kPlanned, CommitteeSessionState::kHeld, CommitteeSessionState::kCancelled})
    if (s == CommitteeSessionStateName(x)) return x;
  return std::nullopt;
}

Status ValidateSession(const CommitteeSession& s) {
  std::vector<FieldError> errs;
  if (!IsValidUnitId(s.committee_id)) errs.push_back({"/committee", "a unit id"});
  if (Blank(s.title)) errs.push_back({"/title", "required"});
  if (s.title.size() > 1000) errs.push_back({"/title", "at most 1000 bytes"});
  if (s.number < 0) errs.push_back({"/number", "0 or more"});
  if (s.year < 2000 || s.year > 2100) errs.push_back({"/year", "2000..2100"});
  if (s.month < 1 || s.month > 12) errs.push_back({"/month", "1..12"});
  if (s.date && errs.empty() &&
      (YearOf(*s.date) != s.year || static_cast<unsigned>(s.date->month()) != static_cast<unsigned>(s.month)))
    errs.push_back({"/date", "in the session's year and month (move the month with the date)"});
  if (s.state == CommitteeSessionState::kHeld && !s.date) errs.push_back({"/date", "required once the session is held"});
  for (size_t i = 0; i < s.agenda.size(); ++i)
    if (Blank(s.agenda[i].title)) errs.push_back({"/agenda/" + std::to_string(i) + "/title", "required"});
  for (size_t i = 0; i < s.documents.size(); ++i)
    if (Blank(s.documents[i].title)) errs.push_back({"/documents/" + std::to_string(i) + "/title", "required"});
  for (size_t i = 0; i < s.conclusion_plan_ids.size(); ++i) {
    const auto& ids = s.conclusion_plan_ids;
    if (std::find(ids.begin(), ids.begin() + static_cast<long>(i), ids[i]) != ids.begin() + static_cast<long>(i))
      errs.push_back({"/conclusions/" + std::to_string(i), "listed twice"});
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Phiên họp không hợp lệ", "invalid session", std::move(errs));
}

CommitteeSession PlannedSession(const std::string& committee, int year, int month, SessionKind kind) {
  CommitteeSession s;
  s.committee_id = committee;
  s.year = year;
  s.month = month;
  s.kind = kind;
  s.title = std::string(SessionKindLabelVi(kind)).append(" tháng ").append(std::to_string(month)).append("/").append(
      std::to_string(year));
  return s;
}

std::vector<ScheduledSession> ParseSessionSchedule(std::string_view phrase) {
  // Folded: "thang 3, thang 7 (so ket 6 thang), thang 9, thang 11 (tong ket nam)". A month
  // is "thang N" or "tN"; what follows it up to the next month says what kind it is.
  const std::string f = text::Fold(phrase);
  struct Hit {
    size_t at, end;
    int month;
  };
  std::vector<Hit> hits;
  for (size_t i = 0; i < f.size(); ++i) {
    const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(f[i - 1]));
    if (!word_start) continue;
    size_t j = i;
    if (f.compare(i, 5, "thang") == 0) {
      j = i + 5;
      while (j < f.size() && f[j] == ' ') ++j;
    } else if (f[i] == 't' && i + 1 < f.size() && std::isdigit(static_cast<unsigned char>(f[i + 1]))) {
      j = i + 1;
    } else {
      continue;
    }
    size_t k = j;
    int month = 0;
    while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k])) && k - j < 2) month = month * 10 + (f[k++] - '0');
    if (k == j || month < 1 || month > 12) continue;
    if (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) continue;  // "thang 123"
    // "6 thang" inside "(so ket 6 thang)" has no number after it: not a month.
    hits.push_back({i, k, month});
    i = k;
  }
  std::vector<ScheduledSession> out;
  for (size_t h = 0; h < hits.size(); ++h) {
    const size_t from = hits[h].end, to = h + 1 < hits.size() ? hits[h + 1].at : f.size();
    const std::string rest = f.substr(from, to - from);
    ScheduledSession s;
    s.month = hits[h].month;
    if (rest.find("so ket") != std::string::npos || rest.find("6 thang") != std::string::npos)
      s.kind = SessionKind::kSixMonthReview;
    else if (rest.find("tong ket") != std::string::npos || rest.find("cuoi nam") != std::string::npos)
      s.kind = SessionKind::kAnnualReview;
    else if (rest.find("chuyen de") != std::string::npos)
      s.kind = SessionKind::kThematic;
    out.push_back(s);
  }
  return out;
}

}  // namespace dxgov
