// Queries over the domain, independent of how a store answers them, and the page shape
// every list returns. The API parses request parameters into these; every store adapter
// must give the same answers (tests/store conformance suite).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // all matches of the filter, not just this page
  int limit = kDefaultLimit;
  int64_t offset = 0;
};

struct UnitQuery {
  std::optional<Date> as_of;          // only units valid then (absent: all, any date)
  std::vector<UnitKind> kinds;        // empty: all kinds
  std::string parent_id;              // direct children (on as_of) of this unit
  std::string q;                      // name/alias/code, case- and diacritic-insensitive
  int limit = kDefaultLimit;
  int64_t offset = 0;
};

// Figures, ordered by indicator, unit and period. Periods compare within the indicator's
// own period type.
struct ValueQuery {
  std::string indicator;                 // empty: all indicators
  std::optional<std::string> unit;       // "" = the country; absent: every unit
  std::optional<Period> from, to;        // inclusive
  std::optional<ValueStatus> status;
  bool exclude_drafts = false;
  std::vector<std::string> hidden_indicators;  // left out (unpublished, for this caller)
  int limit = kDefaultLimit;
  int64_t offset = 0;
};

enum class TaskSort { kNumber, kTitle, kDeadline, kLead, kStatus, kUpdated };

struct TaskQuery {
  std::optional<int64_t> plan_id;
  std::optional<int64_t> under_plan_id;   // the plan and every plan implementing it, recursively
  std::string section;                    // "II"
  std::string lead;                       // unit id; groups expanded on the as-of date
  std::string coordinator;                // unit id; groups expanded
  std::string unit;                       // lead or coordinator; groups expanded
  bool include_predecessors = false;      // lead/coordinator/unit also match merged-in units
  std::vector<TaskStatus> statuses;
  std::vector<Timeliness> timeliness;     // judged on as_of
  std::optional<Date> as_of;              // default: today in Vietnam
  std::optional<Date> due_from, due_to;   // governing due date (on as_of) within [from, to]
  std::string q;                          // free text, case- and diacritic-insensitive
  std::optional<int64_t> objective_id;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> serves;          // tasks implementing this one (Task::serves)
  bool published_only = false;
  // When set, only tasks of these plans (sorted ids): what the caller may see.
  std::optional<std::vector<int64_t>> visible_plan_ids;
  TaskSort sort = TaskSort::kNumber;
  bool descending = false;
  int limit = kDefaultLimit;
  int64_t offset = 0;
  int due_soon_days = kDefaultDueSoonDays;
};

struct PlanQuery {
  std::string kind;
  std::optional<int64_t> parent_id;
  std::string issuer;
  bool published_only = false;
  std::optional<std::vector<int64_t>> visible_plan_ids;  // when set, only these plans
  int limit = kDefaultLimit;
  int64_t offset = 0;
};

struct ObjectiveQuery {
  std::optional<int64_t> plan_id;
  std::optional<int64_t> under_plan_id;
  std::string q;
  std::string indicator;              // only objectives measured by this indicator code
  bool published_only = false;
  std::optional<std::vector<int64_t>> visible_plan_ids;  // when set, only these plans' objectives
  int limit = kDefaultLimit;
  int64_t offset = 0;
};

}  // namespace dxgov

namespace dxgov {

// Answers a unit query from the registry: filtered as documented on UnitQuery and sorted
// by name in Vietnamese order (the name in force on as_of, else the latest name).
Page<const Unit*> QueryUnits(const UnitRegistry& registry, const UnitQuery& q);

}  // namespace dxgov

namespace dxgov {

// Every item of a paged listing, read page after page: `fetch(limit, offset)` returns one
// Result<Page<T>>. For routes and jobs that need a whole set (a cascade, a unit's tasks in
// a report cycle, the day's reminders).
template <typename T, typename Fetch>
Result<std::vector<T>> AllPages(Fetch fetch) {
  std::vector<T> out;
  for (int64_t offset = 0;;) {
    DX_ASSIGN_OR_RETURN(Page<T> page, fetch(kMaxLimit, offset));
    offset += static_cast<int64_t>(page.items.size());
    for (auto& item : page.items) out.push_back(std::move(item));
    if (page.items.empty() || offset >= page.total) break;
  }
  return out;
}

// The same for a query with `limit` and `offset` members: `fetch(q)` answers one page.
template <typename T, typename Query, typename Fetch>
Result<std::vector<T>> Drain(Query q, Fetch fetch) {
  return AllPages<T>([&](int limit, int64_t offset) {
    q.limit = limit;
    q.offset = offset;
    return fetch(q);
  });
}

}  // namespace dxgov
