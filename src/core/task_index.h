// An in-memory index of every task's filterable and sortable facts, which answers a
// TaskQuery (the page of ids and the total) without touching storage. Stores keep one,
// update it after each commit, and read only the page's documents from disk; so every
// store answers queries with the same semantics, and a count over tens of thousands of
// matches costs microseconds instead of a table scan.
//
// Memory: a few hundred bytes per task (sort keys dominate).
// Thread safety: none; callers guard it (readers shared, writers exclusive).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/query.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov {

// Everything the index needs to know of one task.
struct TaskFacts {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::optional<int64_t> parent_id;
  std::string section;
  std::string lead;                        // unit id
  std::vector<std::string> coordinators;   // unit ids
  std::vector<int64_t> objective_ids;
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> completed_on;
  std::optional<Deadline> deadline;
  std::string number_key, title_key, lead_key;  // byte-comparable sort keys
  std::string updated_at;
};

// Facts of a task; sort keys computed here, the lead's by the name the caller gives.
TaskFacts FactsOf(const Task& t, std::string_view lead_name);

// Restrictions a store resolves before asking the index (they need storage).
struct TaskQueryContext {
  const UnitRegistry* registry = nullptr;
  Date as_of;                                        // the query's as_of, already defaulted
  const std::vector<int64_t>* plan_ids = nullptr;    // allowed plans (plan/under_plan/published); null = any
  const std::vector<int64_t>* text_ids = nullptr;    // q: tasks whose text matches (sorted); null = no q
  const std::vector<int64_t>* serving_ids = nullptr; // serves: the tasks serving it (sorted); null = any
};

class TaskIndex {
 public:
  // Adds the task or replaces what the index knew of it. Keeps a compact copy.
  void Upsert(const TaskFacts& facts);
  void Reserve(size_t tasks) { entries_.reserve(tasks); }
  size_t size() const { return entries_.size(); }

  // The page of task ids `q` selects, in its order, with the total. REQUIRES ctx.registry.
  Page<int64_t> Query(const TaskQuery& q, const TaskQueryContext& ctx) const;

 private:
  // A deadline as timeliness needs it: a fixed due day, a yearly day, or none.
  struct CompactDeadline {
    DeadlineKind kind = DeadlineKind::kOwnPlan;
    bool present = false;
    uint8_t month = 0, day = 0;  // recurring
    int16_t from_year = 0;       // recurring
    Date due{};                  // fixed forms
    std::optional<Deadline> Expand() const;
  };
  // About 200 bytes plus the title's sort key.
  struct Entry {
    int64_t id = 0;
    int64_t plan_id = 0;
    int64_t parent_id = 0;  // 0: none
    int64_t updated = 0;    // updated_at as comparable text packed into a number (yyyymmddhhmmssmmm)
    uint32_t lead = 0;
    TaskStatus status = TaskStatus::kNotStarted;
    bool completed = false;
    Date completed_on{};
    CompactDeadline deadline;
    std::vector<uint32_t> coordinators;
    std::vector<int64_t> objective_ids;
    std::string section, number_key, title_key;
  };
  uint32_t Intern(const std::string& unit_id);
  std::optional<uint32_t> Interned(const std::string& unit_id) const;
  void Unlink(size_t index);
  void Link(size_t index);
  // Entries whose lead (and/or coordinator) is one of `units`, sorted; roles: 1 lead, 2 coordinator.
  std::vector<uint32_t> Involving(const std::vector<std::string>& units, int roles) const;

  std::vector<Entry> entries_;
  std::unordered_map<int64_t, size_t> by_id_;
  std::unordered_map<std::string, uint32_t> unit_ids_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> as_lead_, as_coordinator_;  // unit -> entries
  std::vector<std::string> lead_keys_;  // per interned unit: sort key of its name as a lead
};

// The units a lead/coordinator/unit filter value stands for on `as_of`: itself, the groups
// it belongs to, the members of a group, and with `predecessors` the units merged into it.
// A unit that did not exist on as_of is judged on the nearest day it did.
std::vector<std::string> FilterUnits(const UnitRegistry& registry, const std::string& id, Date as_of,
                                     bool predecessors);

}  // namespace dxgov
