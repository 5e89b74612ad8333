#include "core/reminder.h"

#include <algorithm>
#include <charconv>

namespace dxgov {

Result<std::vector<int>> ParseReminderDays(std::string_view s) {
  std::vector<int> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t comma = s.find(',', start);
    std::string_view part = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    int v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
      return InvalidArgument("/reminder_days", std::string(part).append(": not a number of days"),
                             std::string("Số ngày nhắc không hợp lệ: ").append(part));
    out.push_back(v);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

Status ValidateReminderPolicy(const ReminderPolicy& p) {
  std::vector<FieldError> errs;
  for (size_t i = 0; i < p.days_before.size(); ++i) {
    const int d = p.days_before[i];
    if (d < 1 || d > 90) errs.push_back({"/days_before/" + std::to_string(i), "1..90"});
    if (std::count(p.days_before.begin(), p.days_before.end(), d) > 1)
      errs.push_back({"/days_before/" + std::to_string(i), "listed twice"});
  }
  if (p.overdue_repeat_days < 0 || p.overdue_repeat_days > 365) errs.push_back({"/overdue_repeat_days", "0..365"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Cấu hình nhắc việc không hợp lệ", "invalid reminder policy", std::move(errs));
}

const char* ReminderKindName(ReminderKind k) {
  switch (k) {
    case ReminderKind::kBefore: return "before";
    case ReminderKind::kDue: return "due";
    case ReminderKind::kOverdue: return "overdue";
  }
  return "before";
}

std::optional<ReminderStage> StageOn(Date due, Date today, const ReminderPolicy& p) {
  const int left = DaysBetween(today, due);  // > 0 before, 0 on the day, < 0 after
  if (left > 0) {
    // The smallest threshold the item is within: 3 days left with {7, 1} is the 7-day stage.
    std::optional<int> stage;
    for (int d : p.days_before)
      if (left <= d && (!stage || d < *stage)) stage = d;
    if (!stage) return std::nullopt;
    return ReminderStage{ReminderKind::kBefore, *stage, 0};
  }
  if (left == 0) {
    if (!p.on_due_day) return std::nullopt;
    return ReminderStage{ReminderKind::kDue, 0, 0};
  }
  const int late = -left;  // 1 the day after
  if (p.overdue_repeat_days == 0) {
    if (late != 1) return std::nullopt;
    return ReminderStage{ReminderKind::kOverdue, late, 0};
  }
  // Escalate the day after, then every repeat; a missed day is caught up by the next run
  // of the same round (the round, not the day, is what is sent once).
  const int round = (late - 1) / p.overdue_repeat_days;
  return ReminderStage{ReminderKind::kOverdue, late, round};
}

std::string StageKey(const ReminderStage& s) {
  switch (s.kind) {
    // append, not operator+: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
    case ReminderKind::kBefore: return std::string("before").append(std::to_string(s.days));
    case ReminderKind::kDue: return "due";
    case ReminderKind::kOverdue: return std::string("overdue").append(std::to_string(s.round));
  }
  return "due";
}

bool RemindsUser(const User& u, const std::string& unit_id, const ReminderStage& s) {
  if (u.disabled || u.unit_id != unit_id) return false;
  if (HasRole(u, Role::kUnitEditor)) return true;
  return s.kind == ReminderKind::kOverdue && HasRole(u, Role::kUnitApprover);
}

std::string ReminderKey(const ReminderItem& item) {
  std::string k = item.kind;
  k.append(":").append(std::to_string(item.ref_id)).append(":").append(item.unit_id);
  k.append(":").append(FormatIso(item.due)).append(":").append(StageKey(item.stage));
  return k;
}

const char* MailStateName(MailState s) {
  switch (s) {
    case MailState::kNone: return "none";
    case MailState::kPending: return "pending";
    case MailState::kSent: return "sent";
  }
  return "none";
}

std::optional<MailState> ParseMailState(std::string_view s) {
  for (MailState m : {MailState::kNone, MailState::kPending, MailState::kSent})
    if (s == MailStateName(m)) return m;
  return std::nullopt;
}

int RetryDelaySeconds(int attempts) {
  int delay = 60;
  for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
  return std::min(delay, 3600);
}

}  // namespace dxgov
