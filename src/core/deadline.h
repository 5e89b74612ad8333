// Deadlines in the forms the plan documents use, and timeliness on a given date.
//
// Forms: a date ("15/3/2022"), a month ("Tháng 6/2022" = by the end of June), a quarter
// ("Quý II/2022"), a year ("Năm 2022", "đến hết năm 2022"), a span of years
// ("2024 - 2025" = by the end of 2025), the lead's own plan ("Theo kế hoạch cụ thể của
// Bộ Công an", no fixed date) and a yearly recurrence ("trước ngày 30 tháng 11 hàng năm",
// judged per yearly occurrence). `text` always keeps the phrase as written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace dxgov {

enum class DeadlineKind { kDate, kMonth, kQuarter, kYear, kSpan, kRecurring, kOwnPlan };

const char* DeadlineKindName(DeadlineKind k);  // "date", "month", ...
std::optional<DeadlineKind> ParseDeadlineKind(std::string_view s);

struct Deadline {
  DeadlineKind kind = DeadlineKind::kDate;
  std::string text;            // the phrase as written; may be empty for API-made deadlines
  std::optional<Date> date;    // kDate
  int year = 0;                // kMonth, kQuarter, kYear; kSpan: first year; kRecurring: first year (0 = always)
  int year_to = 0;             // kSpan: last year
  int month = 0;               // kMonth; kRecurring: month of the yearly due day
  int day = 0;                 // kRecurring: day of the yearly due day
  int quarter = 0;             // kQuarter: 1..4
  std::string unit;            // kOwnPlan: whose plan (unit id), optional

  bool operator==(const Deadline&) const = default;
};

// Checks that the fields a kind needs are present and in range. Field errors use paths
// under `path_prefix` (e.g. "/deadline").
Status ValidateDeadline(const Deadline& d, const std::string& path_prefix);

// Reads a Vietnamese deadline phrase. Unknown phrases give kInvalidArgument naming `path`.
Result<Deadline> ParseDeadlineText(std::string_view text, const std::string& path = "/deadline/text");

// The last day that still counts as on time. Fixed forms only: nullopt for kOwnPlan and
// kRecurring (see OccurrenceDue).
std::optional<Date> FixedDueDate(const Deadline& d);
// A recurring deadline's due day in `year` (29 Feb falls back to 28 Feb); nullopt when the
// recurrence has not started by then or the deadline is not recurring.
std::optional<Date> OccurrenceDue(const Deadline& d, int year);
// The due date that governs the task on `as_of`: the fixed due date, or the recurrence's
// occurrence in as_of's year.
std::optional<Date> GoverningDue(const Deadline& d, Date as_of);

enum class Timeliness { kOnTime, kDueSoon, kOverdue, kDoneOnTime, kDoneLate, kNoDeadline };
const char* TimelinessName(Timeliness t);        // "on_time", ...
const char* TimelinessLabelVi(Timeliness t);     // "Trong hạn", ...
const char* TimelinessLabelEn(Timeliness t);
std::optional<Timeliness> ParseTimeliness(std::string_view s);

constexpr int kDefaultDueSoonDays = 14;

// Timeliness of a task on `as_of`, the way the Government Office counts tasks.
//   deadline      nullptr when the task has none.
//   completed_on  the day it was done, if it is done; a completion after as_of is ignored
//                 (on as_of the task was still open).
//   cancelled     cancelled tasks are not judged: returns nullopt.
// A recurring task is judged on the occurrence of as_of's year: done if completed in that
// year, otherwise on time, due soon or overdue against that year's due day.
std::optional<Timeliness> JudgeTimeliness(const Deadline* deadline, std::optional<Date> completed_on,
                                          bool cancelled, Date as_of, int due_soon_days = kDefaultDueSoonDays);

}  // namespace dxgov
