// The cascade of plans: a national plan obliges ministries and provinces to issue their own
// plans implementing it by a deadline ("trong Quý I/2022 ban hành Kế hoạch hoạt động năm
// 2022 ..."), their tasks serve the national tasks, and a unit breaks a task into sub-tasks
// for its departments or communes.
//
// This file judges, without storage: which respondents of a duty have registered their own
// plan, and on time; and how a set of tasks (a task's children, or the tasks serving it)
// stands as a whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/plan.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov {

enum class RegistrationState {
  kNotDue,    // no plan yet, and the deadline has not passed
  kMissing,   // no plan, and the deadline has passed
  kDrafting,  // a plan is registered but carries no decision date yet (not issued)
  kOnTime,    // issued on or before the deadline
  kLate,      // issued after it
};
const char* RegistrationStateName(RegistrationState s);     // "not_due", "missing", ...
const char* RegistrationStateLabelVi(RegistrationState s);  // "Chưa đến hạn", "Chưa ban hành", ...
const char* RegistrationStateLabelEn(RegistrationState s);

// What the judgement needs of a plan implementing the duty's plan.
struct ChildPlan {
  int64_t id = 0;
  std::string issuer_id;
  std::optional<Date> decision_date;
  std::optional<Date> period_from, period_to;
};

struct Registration {
  std::string unit_id;
  RegistrationState state = RegistrationState::kNotDue;
  std::optional<int64_t> plan_id;       // the plan that counts (the earliest issued one)
  std::optional<Date> issued_on;
  std::vector<int64_t> other_plan_ids;  // further plans of the same unit, if any
};

// One entry per respondent valid on the due date (a group expanded then), in the
// registry's name order. A child plan counts for a respondent when its issuer is the
// respondent, a unit below it, or a unit that succeeded it (a province formed by a merger
// carries on its predecessors' duties), and its period meets the duty's year.
// REQUIRES: FixedDueDate(duty.due) has a value (ValidatePlanDuty passed).
std::vector<Registration> JudgeRegistrations(const PlanDuty& duty, const std::vector<ChildPlan>& children,
                                             const UnitRegistry& reg, Date as_of);

// How a set of tasks stands on `as_of`.
struct TaskSummary {
  int total = 0;            // cancelled tasks are left out of every count
  int not_started = 0, in_progress = 0, done = 0, paused = 0;
  int cancelled = 0;
  int overdue = 0, due_soon = 0, done_late = 0;
  int progress_percent = 0;  // the mean of the tasks' percents (a done task counts 100)

  bool operator==(const TaskSummary&) const = default;
};

TaskSummary SummariseTasks(const std::vector<Task>& tasks, Date as_of, int due_soon_days = kDefaultDueSoonDays);

// Builds a TaskSummary one task at a time, for callers that sort many tasks into several
// summaries at once (the national board). SummariseTasks is Add over every task, then Done.
class TaskTally {
 public:
  TaskTally(Date as_of, int due_soon_days) : as_of_(as_of), due_soon_days_(due_soon_days) {}
  void Add(const Task& t);
  // The summary so far, with progress_percent averaged.
  TaskSummary Done() const;

 private:
  Date as_of_;
  int due_soon_days_;
  TaskSummary s_;
  int64_t percent_sum_ = 0;
};

}  // namespace dxgov
