#include "core/key_task.h"

#include <algorithm>
#include <map>

#include "core/unit.h"
#include "text/vn_text.h"

namespace dxgov {

namespace {

constexpr size_t kMaxText = 4000;

bool Blank(const std::string& s) { return text::CollapseWhitespace(s).empty(); }

}  // namespace

const char* AchievementName(Achievement a) {
  switch (a) {
    case Achievement::kMet: return "met";
    case Achievement::kPartly: return "partly";
    case Achievement::kNotMet: return "not_met";
  }
  return "met";
}
const char* AchievementLabelVi(Achievement a) {
  switch (a) {
    case Achievement::kMet: return "Đạt";
    case Achievement::kPartly: return "Đạt một phần";
    case Achievement::kNotMet: return "Không đạt";
  }
  return "Đạt";
}
const char* AchievementLabelEn(Achievement a) {
  switch (a) {
    case Achievement::kMet: return "Met";
    case Achievement::kPartly: return "Partly met";
    case Achievement::kNotMet: return "Not met";
  }
  return "Met";
}
std::optional<Achievement> ParseAchievement(std::string_view s) {
  for (Achievement a : {Achievement::kMet, Achievement::kPartly, Achievement::kNotMet})
    if (s == AchievementName(a)) return a;
  return std::nullopt;
}

const char* MonthStateName(MonthState s) {
  switch (s) {
    case MonthState::kUpcoming: return "upcoming";
    case MonthState::kAwaiting: return "awaiting";
    case MonthState::kUnreported: return "unreported";
    case MonthState::kMet: return "met";
    case MonthState::kPartly: return "partly";
    case MonthState::kNotMet: return "not_met";
  }
  return "upcoming";
}
const char* MonthStateLabelVi(MonthState s) {
  switch (s) {
    case MonthState::kUpcoming: return "Chưa đến kỳ";
    case MonthState::kAwaiting: return "Chờ báo cáo";
    case MonthState::kUnreported: return "Chưa báo cáo";
    case MonthState::kMet: return "Đạt";
    case MonthState::kPartly: return "Đạt một phần";
    case MonthState::kNotMet: return "Không đạt";
  }
  return "Chưa đến kỳ";
}

Status ValidateKeyTask(const KeyTask& k) {
  std::vector<FieldError> errs;
  if (k.plan_id <= 0) errs.push_back({"/plan_id", "required"});
  if (!IsValidUnitId(k.unit_id)) errs.push_back({"/unit", "a unit id"});
  if (Blank(k.member)) errs.push_back({"/member", "required"});
  if (Blank(k.title)) errs.push_back({"/title", "required"});
  if (k.member.size() > kMaxText) errs.push_back({"/member", "at most 4000 bytes"});
  if (k.title.size() > kMaxText) errs.push_back({"/title", "at most 4000 bytes"});
  if (k.year < 2000 || k.year > 2100) errs.push_back({"/year", "2000..2100"});
  if (k.ordinal < 0) errs.push_back({"/ordinal", "0 or more"});
  if (k.task_id && *k.task_id <= 0) errs.push_back({"/task_id", "a task id"});
  auto months = [&](const auto& items, const std::string& path, auto text_of, const char* text_field) {
    std::vector<int> seen;
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string p = path + "/" + std::to_string(i);
      const int m = items[i].month;
      if (m < 1 || m > 12) errs.push_back({p + "/month", "1..12"});
      else if (std::find(seen.begin(), seen.end(), m) != seen.end()) errs.push_back({p + "/month", "listed twice"});
      seen.push_back(m);
      const std::string& t = text_of(items[i]);
      if (Blank(t)) errs.push_back({p + "/" + text_field, "required"});
      if (t.size() > kMaxText) errs.push_back({p + "/" + text_field, "at most 4000 bytes"});
    }
  };
  months(k.roadmap, "/roadmap", [](const RoadmapStep& s) -> const std::string& { return s.expected; }, "expected");
  months(k.results, "/results", [](const MonthlyResult& r) -> const std::string& { return r.actual; }, "actual");
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Nhiệm vụ trọng điểm không hợp lệ", "invalid key task", std::move(errs));
}

void SetRoadmap(KeyTask& k, std::vector<RoadmapStep> steps) {
  std::stable_sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.month < b.month; });
  k.roadmap = std::move(steps);
}

void SetResult(KeyTask& k, MonthlyResult r) {
  auto it = std::find_if(k.results.begin(), k.results.end(), [&](const auto& x) { return x.month == r.month; });
  if (it != k.results.end()) *it = std::move(r);
  else k.results.push_back(std::move(r));
  std::stable_sort(k.results.begin(), k.results.end(), [](const auto& a, const auto& b) { return a.month < b.month; });
}

RoadmapStanding JudgeRoadmap(const KeyTask& k, Date as_of, int grace_days) {
  std::map<int, MonthStanding> by_month;
  for (const auto& s : k.roadmap) by_month[s.month].expected = &s;
  for (const auto& r : k.results) by_month[r.month].result = &r;

  RoadmapStanding out;
  out.has_roadmap = !k.roadmap.empty();
  for (auto& [month, m] : by_month) {
    m.month = month;
    const Date end = LastDayOfMonth(k.year, static_cast<unsigned>(month));
    if (m.result) {
      m.state = m.result->achieved == Achievement::kMet      ? MonthState::kMet
                : m.result->achieved == Achievement::kPartly ? MonthState::kPartly
                                                             : MonthState::kNotMet;
    } else if (as_of <= end) {
      m.state = MonthState::kUpcoming;
    } else {
      m.state = DaysBetween(end, as_of) <= grace_days ? MonthState::kAwaiting : MonthState::kUnreported;
    }
    const bool ended = end < as_of;
    if (m.expected && (ended || m.result)) {
      ++out.due;
      switch (m.state) {
        case MonthState::kMet: ++out.met; break;
        case MonthState::kPartly: ++out.partly; break;
        case MonthState::kNotMet: ++out.not_met; break;
        case MonthState::kUnreported: ++out.unreported; break;
        default: break;
      }
      m.slipped = m.state == MonthState::kPartly || m.state == MonthState::kNotMet || m.state == MonthState::kUnreported;
      if (m.slipped) ++out.slipped;
    }
    out.months.push_back(m);
  }
  // The current run of slipped months: a met month ends it, a month awaiting its report
  // neither ends nor extends it.
  for (const auto& m : out.months) {
    if (!m.expected) continue;
    if (m.slipped) {
      if (out.behind_since == 0) out.behind_since = m.month;
    } else if (m.state == MonthState::kMet) {
      out.behind_since = 0;
    }
  }
  return out;
}

}  // namespace dxgov
