#include "core/board.h"

#include <algorithm>
#include <map>

namespace dxgov {

namespace {

std::string LeadKindKey(const Task& t, const UnitRegistry& reg, Date as_of) {
  const Unit* u = t.lead.unit_id.empty() ? nullptr : reg.Find(t.lead.unit_id);
  return u ? UnitKindName(VersionOrLatest(*u, as_of).kind) : "none";
}

}  // namespace

TaskCounts CountTasks(const std::vector<Task>& tasks, const UnitRegistry& reg, Date as_of, int due_soon_days) {
  TaskTally all(as_of, due_soon_days);
  std::map<std::string, TaskTally> sections, kinds, leads;  // keyed by sort key / kind / unit
  std::map<std::string, std::string> section_of_key;
  auto tally = [&](std::map<std::string, TaskTally>& m, const std::string& key) -> TaskTally& {
    return m.try_emplace(key, as_of, due_soon_days).first->second;
  };
  for (const auto& t : tasks) {
    all.Add(t);
    const std::string skey = NumberSortKey(t.section);
    section_of_key.emplace(skey, t.section);
    tally(sections, skey).Add(t);
    tally(kinds, LeadKindKey(t, reg, as_of)).Add(t);
    tally(leads, t.lead.unit_id).Add(t);
  }

  TaskCounts out;
  out.all = all.Done();
  for (const auto& [skey, s] : sections) out.by_section.push_back({section_of_key[skey], s.Done()});
  for (UnitKind k : AllUnitKinds()) {
    auto it = kinds.find(UnitKindName(k));
    if (it != kinds.end()) out.by_lead_kind.push_back({it->first, it->second.Done()});
  }
  if (auto it = kinds.find("none"); it != kinds.end()) out.by_lead_kind.push_back({"none", it->second.Done()});
  for (const auto& [id, s] : leads) out.by_lead.push_back({id, s.Done()});
  std::stable_sort(out.by_lead.begin(), out.by_lead.end(), [](const TaskCount& a, const TaskCount& b) {
    if (a.summary.overdue != b.summary.overdue) return a.summary.overdue > b.summary.overdue;
    return a.summary.total > b.summary.total;
  });
  return out;
}

UnitTaskState JudgeUnitTask(const Task& task, const TaskAddressee* part, Date as_of, int due_soon_days) {
  UnitTaskState s;
  s.own_part = part != nullptr;
  s.status = part ? part->status : task.status;
  s.completed_on = part ? part->completed_on : task.completed_on;
  s.progress_percent = part ? part->progress_percent : task.progress_percent;
  // A cancelled task binds no one, whatever the part says.
  const bool cancelled = task.status == TaskStatus::kCancelled || s.status == TaskStatus::kCancelled;
  s.timeliness = JudgeTimeliness(task.deadline ? &*task.deadline : nullptr,
                                 s.status == TaskStatus::kDone ? s.completed_on : std::nullopt, cancelled, as_of,
                                 due_soon_days);
  return s;
}

}  // namespace dxgov
