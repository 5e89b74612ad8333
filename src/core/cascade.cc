#include "core/cascade.h"

#include <algorithm>
#include <map>
#include <set>

namespace dxgov {

const char* RegistrationStateName(RegistrationState s) {
  switch (s) {
    case RegistrationState::kNotDue: return "not_due";
    case RegistrationState::kMissing: return "missing";
    case RegistrationState::kDrafting: return "drafting";
    case RegistrationState::kOnTime: return "on_time";
    case RegistrationState::kLate: return "late";
  }
  return "";
}

const char* RegistrationStateLabelVi(RegistrationState s) {
  switch (s) {
    case RegistrationState::kNotDue: return "Chưa đến hạn";
    case RegistrationState::kMissing: return "Quá hạn, chưa ban hành";
    case RegistrationState::kDrafting: return "Đang xây dựng";
    case RegistrationState::kOnTime: return "Ban hành đúng hạn";
    case RegistrationState::kLate: return "Ban hành muộn";
  }
  return "";
}

const char* RegistrationStateLabelEn(RegistrationState s) {
  switch (s) {
    case RegistrationState::kNotDue: return "Not yet due";
    case RegistrationState::kMissing: return "Overdue, not issued";
    case RegistrationState::kDrafting: return "Being drafted";
    case RegistrationState::kOnTime: return "Issued on time";
    case RegistrationState::kLate: return "Issued late";
  }
  return "";
}

namespace {

// The unit and every unit it was merged into, directly or through a chain.
std::vector<std::string> WithSuccessors(const UnitRegistry& reg, const std::string& id) {
  std::vector<std::string> out{id};
  for (size_t i = 0; i < out.size() && out.size() < 64; ++i) {
    const Unit* u = reg.Find(out[i]);
    if (!u) continue;
    for (const auto& s : u->successors)
      if (std::find(out.begin(), out.end(), s.unit_id) == out.end()) out.push_back(s.unit_id);
  }
  return out;
}

// `id` and its parents on `d`, nearest first.
std::vector<std::string> WithAncestors(const UnitRegistry& reg, const std::string& id, Date d) {
  std::vector<std::string> out;
  std::string cur = id;
  while (!cur.empty() && out.size() < 16 && std::find(out.begin(), out.end(), cur) == out.end()) {
    out.push_back(cur);
    const Unit* u = reg.Find(cur);
    if (!u) break;
    cur = VersionOrLatest(*u, d).parent_id;
  }
  return out;
}

bool CoversYear(const ChildPlan& p, int year) {
  if (year == 0) return true;
  const Date first = MakeDate(year, 1, 1), last = MakeDate(year, 12, 31);
  if (p.period_to && *p.period_to < first) return false;
  if (p.period_from && last < *p.period_from) return false;
  return true;
}

// Issued plans first, earliest first; undated ones after, by id.
bool CountsBefore(const ChildPlan* a, const ChildPlan* b) {
  if (a->decision_date.has_value() != b->decision_date.has_value()) return a->decision_date.has_value();
  if (a->decision_date && *a->decision_date != *b->decision_date) return *a->decision_date < *b->decision_date;
  return a->id < b->id;
}

}  // namespace

std::vector<Registration> JudgeRegistrations(const PlanDuty& duty, const std::vector<ChildPlan>& children,
                                             const UnitRegistry& reg, Date as_of) {
  const Date due = FixedDueDate(duty.due).value_or(as_of);
  // Respondents in name order on the due date: each name key looked up once.
  std::vector<std::pair<std::string, std::string>> keyed;
  for (auto& id : reg.Expand(duty.respondent, due)) {
    const Unit* u = reg.Find(id);
    std::string key = id;
    if (u && !u->versions.empty()) {
      const UnitVersion& v = VersionOrLatest(*u, due);
      key = reg.NameKey(*u, static_cast<size_t>(&v - u->versions.data()));
    }
    keyed.emplace_back(std::move(key), std::move(id));
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> respondents;
  respondents.reserve(keyed.size());
  for (auto& [key, id] : keyed) respondents.push_back(std::move(id));

  // Which respondents an issuer may speak for: the respondent itself and its successors.
  std::map<std::string, std::vector<size_t>> speaks_for;
  for (size_t i = 0; i < respondents.size(); ++i)
    for (const auto& id : WithSuccessors(reg, respondents[i])) speaks_for[id].push_back(i);

  std::vector<std::vector<const ChildPlan*>> found(respondents.size());
  for (const auto& child : children) {
    if (!CoversYear(child, duty.year)) continue;
    std::set<size_t> hit;
    for (const auto& id : WithAncestors(reg, child.issuer_id, child.decision_date.value_or(due))) {
      auto it = speaks_for.find(id);
      if (it == speaks_for.end()) continue;
      hit.insert(it->second.begin(), it->second.end());
      break;  // the nearest unit that is (or succeeded) a respondent
    }
    for (size_t i : hit) found[i].push_back(&child);
  }

  std::vector<Registration> out;
  out.reserve(respondents.size());
  for (size_t i = 0; i < respondents.size(); ++i) {
    Registration r;
    r.unit_id = respondents[i];
    auto& plans = found[i];
    std::sort(plans.begin(), plans.end(), CountsBefore);
    if (plans.empty()) {
      r.state = due < as_of ? RegistrationState::kMissing : RegistrationState::kNotDue;
    } else {
      const ChildPlan& first = *plans.front();
      r.plan_id = first.id;
      r.issued_on = first.decision_date;
      if (!first.decision_date) r.state = RegistrationState::kDrafting;
      else r.state = *first.decision_date <= due ? RegistrationState::kOnTime : RegistrationState::kLate;
      for (size_t k = 1; k < plans.size(); ++k) r.other_plan_ids.push_back(plans[k]->id);
    }
    out.push_back(std::move(r));
  }
  return out;
}

void TaskTally::Add(const Task& t) {
  if (t.status == TaskStatus::kCancelled) {
    ++s_.cancelled;
    return;
  }
  ++s_.total;
  switch (t.status) {
    case TaskStatus::kNotStarted: ++s_.not_started; break;
    case TaskStatus::kInProgress: ++s_.in_progress; break;
    case TaskStatus::kDone: ++s_.done; break;
    case TaskStatus::kPaused: ++s_.paused; break;
    case TaskStatus::kCancelled: break;
  }
  percent_sum_ += t.status == TaskStatus::kDone ? 100 : t.progress_percent;
  const auto tl = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr,
                                  t.status == TaskStatus::kDone ? t.completed_on : std::nullopt, false, as_of_,
                                  due_soon_days_);
  if (tl == Timeliness::kOverdue) ++s_.overdue;
  if (tl == Timeliness::kDueSoon) ++s_.due_soon;
  if (tl == Timeliness::kDoneLate) ++s_.done_late;
}

TaskSummary TaskTally::Done() const {
  TaskSummary s = s_;
  if (s.total > 0) s.progress_percent = static_cast<int>((percent_sum_ + s.total / 2) / s.total);
  return s;
}

TaskSummary SummariseTasks(const std::vector<Task>& tasks, Date as_of, int due_soon_days) {
  TaskTally tally(as_of, due_soon_days);
  for (const auto& t : tasks) tally.Add(t);
  return tally.Done();
}

}  // namespace dxgov
