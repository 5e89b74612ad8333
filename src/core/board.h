// The working group's monitoring board, judged without storage: how a plan's tasks stand
// nationally (counted by section, by the kind of the lead unit and by lead unit), and what
// one unit must act on now (its overdue and due-soon tasks, as lead and as coordinator).
//
// A unit answering for a task addressed to a group ("các địa phương") is judged on its own
// part (TaskAddressee), not on the task as a whole: Hà Nội's part can be overdue while the
// group task is still in progress elsewhere.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cascade.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov {

struct TaskCount {
  std::string key;  // a section numeral, a UnitKindName ("none" for no lead), or a unit id
  TaskSummary summary;
};

struct TaskCounts {
  TaskSummary all;
  std::vector<TaskCount> by_section;    // in document order (NumberSortKey)
  std::vector<TaskCount> by_lead_kind;  // in UnitKind order, then "none"
  std::vector<TaskCount> by_lead;       // most overdue first, then most tasks, then id
};

// Counts `tasks` on `as_of`. A lead's kind is the kind of its version on as_of (its latest
// when it has ended, so a merged province still counts as a province).
TaskCounts CountTasks(const std::vector<Task>& tasks, const UnitRegistry& reg, Date as_of,
                      int due_soon_days = kDefaultDueSoonDays);

// What a unit owes on one task: its own part of a group task when `part` is given, else the
// task itself.
struct UnitTaskState {
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> completed_on;
  int progress_percent = 0;
  std::optional<Timeliness> timeliness;  // nullopt when cancelled
  bool own_part = false;                 // judged on the unit's part of a group task
};

// REQUIRES: part, when given, belongs to `task`.
UnitTaskState JudgeUnitTask(const Task& task, const TaskAddressee* part, Date as_of,
                            int due_soon_days = kDefaultDueSoonDays);

// True for the states the board lists as needing action now.
inline bool NeedsAction(const UnitTaskState& s) {
  return s.timeliness == Timeliness::kOverdue || s.timeliness == Timeliness::kDueSoon;
}

}  // namespace dxgov
