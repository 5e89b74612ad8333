// Reminders (đôn đốc): before a task's or a report's due date, on the day, and after it as
// escalations, the responsible users of each unit are reminded — at most once per stage.
//
// A stage is where an item stands against its due date on a day: N days before (for each
// configured N, e.g. 7 and 1), due today, or overdue (the first day after, then again every
// `overdue_repeat_days`). Only the stage of the day counts: a scheduler that missed the
// 7-day stage and runs 3 days before the due date sends the 7-day reminder ("due in 3
// days"); one that jumps from 10 days before to the due date sends only the due-day one.
// The stage key names the item, its due date and the stage, so a moved deadline reminds
// again and nothing is reminded twice.
//
// This file holds the rules that need no storage: the policy, the stage of a day, who is
// reminded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/date.h"
#include "core/status.h"

namespace dxgov {

struct ReminderPolicy {
  std::vector<int> days_before = {7, 1};  // distinct, each 1..90
  bool on_due_day = true;
  int overdue_repeat_days = 7;  // 0: escalate once, the day after the due date
};

// "7,1" -> {7, 1}; errors name the bad part.
Result<std::vector<int>> ParseReminderDays(std::string_view s);
Status ValidateReminderPolicy(const ReminderPolicy& p);

enum class ReminderKind { kBefore, kDue, kOverdue };
const char* ReminderKindName(ReminderKind k);  // "before", "due", "overdue"

struct ReminderStage {
  ReminderKind kind = ReminderKind::kBefore;
  int days = 0;   // kBefore: the threshold (7, 1); kOverdue: days past the due date
  int round = 0;  // kOverdue: 0 the first escalation, then 1, 2, ... every repeat
  bool operator==(const ReminderStage&) const = default;
};

// The stage of an item due on `due`, on `today`; nullopt when there is none that day (too
// early, or an overdue item between escalations).
// REQUIRES: ValidateReminderPolicy(p) passed.
std::optional<ReminderStage> StageOn(Date due, Date today, const ReminderPolicy& p);

// The stage's part of a reminder key: "before7", "due", "overdue0", "overdue1", ...
std::string StageKey(const ReminderStage& s);

// Who is reminded for a unit's item: its enabled users who act on it (unit editors); an
// escalation also reaches its approvers. Users without an e-mail address are reminded in the
// application only.
bool RemindsUser(const User& u, const std::string& unit_id, const ReminderStage& s);

// One thing a user is reminded of: a task (its lead's part, or a unit's part of a group
// task) or a unit's report in an open report cycle, at a stage.
struct ReminderItem {
  std::string key;      // unique per item, due date and stage: "task:65:tp-ha-noi:2022-06-30:before7"
  std::string kind;     // "task" | "report"
  int64_t ref_id = 0;   // the task's or the cycle's id
  std::string unit_id;  // the unit that must act
  std::string number;   // the task's number ("IV.1"); empty for a report
  std::string title;
  Date due;
  ReminderStage stage;
  bool operator==(const ReminderItem&) const = default;
};

// The key of `item` (kind, id, unit, due date, stage), as ReminderItem::key.
std::string ReminderKey(const ReminderItem& item);

enum class MailState { kNone, kPending, kSent };  // none: in the application only
const char* MailStateName(MailState s);           // "none", "pending", "sent"
std::optional<MailState> ParseMailState(std::string_view s);

// A user's digest of one day's reminders: shown in the application (read or unread) and,
// when the user has an address, mailed.
struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;
  Date day;                 // the Vietnamese day it is for; one per user per day
  std::string subject;
  std::string body;
  std::vector<ReminderItem> items;
  std::string email;        // the address at the time; empty: not mailed
  MailState mail_state = MailState::kNone;
  int attempts = 0;
  std::string next_attempt_at;  // ISO-8601 UTC; empty: now
  std::string last_error;
  std::string sent_at, read_at, created_at;
};

// The wait before mail attempt `attempts` + 1 after `attempts` failures: 1 minute, doubling,
// at most an hour.
int RetryDelaySeconds(int attempts);

}  // namespace dxgov
