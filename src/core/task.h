// Tasks: what a plan assigns, to one lead and many coordinators, by a deadline.
//
// A task addressed to a group ("các địa phương") is tracked per addressee: each member
// unit has its own status, completion date and progress (TaskAddressee). Nothing is ever
// hard-deleted: a task is cancelled, and every change makes a new version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/plan.h"
#include "core/status.h"

namespace dxgov {

enum class TaskStatus { kNotStarted, kInProgress, kDone, kPaused, kCancelled };
const char* TaskStatusName(TaskStatus s);     // "not_started", ...
const char* TaskStatusLabelVi(TaskStatus s);  // "Chưa triển khai", ...
const char* TaskStatusLabelEn(TaskStatus s);
std::optional<TaskStatus> ParseTaskStatus(std::string_view s);

// A unit as the document names it and as resolved.
struct UnitRef {
  std::string unit_id;
  std::string as_written;  // may be empty when entered through the API
};

struct TaskAddressee {
  std::string unit_id;
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> completed_on;
  int progress_percent = 0;
};

struct ProgressEntry {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string unit_id;             // addressee reporting, for group tasks; else empty
  std::string text;
  std::optional<int> percent;      // 0..100
  std::optional<TaskStatus> status;  // status change reported with the entry
  std::optional<Date> completed_on;
  std::string author;              // who (a user name until accounts arrive)
  std::string at;                  // when, ISO-8601 UTC
};

struct Task {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string section;  // the document's numeral, "III"
  std::string number;   // "III.10.b"
  std::string title;
  std::string text;
  std::string expected_output;
  UnitRef lead;
  std::vector<UnitRef> coordinators;
  std::optional<UnitRef> support_unit;  // đơn vị đầu mối hỗ trợ
  std::optional<Deadline> deadline;
  std::optional<int64_t> parent_id;  // the task this one breaks down (any plan)
  std::vector<int64_t> serves;       // tasks of other plans this one implements (cascade)
  std::vector<int64_t> objective_ids;
  std::vector<Target> targets;  // stated in the text
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> completed_on;
  int progress_percent = 0;
  std::optional<SourceRef> source;
  int ordinal = 0;  // position in the plan
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Field rules that need no storage: required text, lengths, percent range, deadline
// fields, status/completion consistency (done needs a completion date; only done has one).
Status ValidateTask(const Task& t);
Status ValidateProgress(const ProgressEntry& p);

// Applies a progress entry to the task (or, for `addressee`, to that addressee's state):
// percent and status move as reported; done without a date completes on `today`.
void ApplyProgress(const ProgressEntry& p, Date today, TaskStatus& status, std::optional<Date>& completed_on,
                   int& progress_percent);

// A byte key that orders task numbers as people read them: sections by Roman value,
// items by number, letters in Vietnamese order (a < b < ... < d < đ < e).
// "II.3.a" < "II.3.b" < "II.10" < "III.1" < "IX.1" < "X.1".
std::string NumberSortKey(std::string_view number);

}  // namespace dxgov
