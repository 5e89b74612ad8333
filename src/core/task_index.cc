#include "core/task_index.h"

#include <algorithm>
#include <set>

#include "text/vn_text.h"

namespace dxgov {
namespace {

// "2026-11-23T08:44:45.246Z" -> 20261123084445246, ordered like the text.
int64_t PackTimestamp(const std::string& iso) {
  int64_t v = 0;
  for (char c : iso)
    if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
  return v;
}

bool DueInWindow(const std::optional<Deadline>& d, Date from, Date to) {
  if (!d) return false;
  if (d->kind == DeadlineKind::kRecurring) {
    for (int y = YearOf(from); y <= YearOf(to); ++y) {
      auto occ = OccurrenceDue(*d, y);
      if (occ && from <= *occ && *occ <= to) return true;
    }
    return false;
  }
  auto due = FixedDueDate(*d);
  return due && from <= *due && *due <= to;
}

void IntersectSorted(std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  a = std::move(out);
}

}  // namespace

TaskFacts FactsOf(const Task& t, std::string_view lead_name) {
  TaskFacts f;
  f.id = t.id;
  f.plan_id = t.plan_id;
  f.parent_id = t.parent_id;
  f.section = t.section;
  f.lead = t.lead.unit_id;
  for (const auto& c : t.coordinators) f.coordinators.push_back(c.unit_id);
  f.objective_ids = t.objective_ids;
  std::sort(f.objective_ids.begin(), f.objective_ids.end());
  f.status = t.status;
  f.completed_on = t.completed_on;
  f.deadline = t.deadline;
  f.number_key = NumberSortKey(t.number);
  f.title_key = text::SortKey(t.title);
  f.lead_key = text::SortKey(lead_name);
  f.updated_at = t.updated_at;
  return f;
}

std::vector<std::string> FilterUnits(const UnitRegistry& reg, const std::string& id, Date as_of, bool predecessors) {
  std::set<std::string> out{id};
  Date when = as_of;
  if (const Unit* u = reg.Find(id)) {
    if (u->valid_to && when > *u->valid_to) when = *u->valid_to;
    if (u->valid_from && when < *u->valid_from) when = *u->valid_from;
  }
  for (auto& g : reg.GroupsContaining(id, when)) out.insert(g);
  for (auto& m : reg.Expand(id, when)) out.insert(m);
  if (predecessors) {
    for (auto& p : reg.Predecessors(id)) {
      out.insert(p);
      const Unit* pu = reg.Find(p);
      if (pu && pu->valid_to)
        for (auto& g : reg.GroupsContaining(p, *pu->valid_to)) out.insert(g);
    }
  }
  return {out.begin(), out.end()};
}

std::optional<Deadline> TaskIndex::CompactDeadline::Expand() const {
  if (!present) return std::nullopt;
  Deadline d;
  d.kind = kind;
  if (kind == DeadlineKind::kRecurring) {
    d.month = month;
    d.day = day;
    d.year = from_year;
  } else if (kind == DeadlineKind::kDate) {
    d.date = due;
  }
  return d;
}

uint32_t TaskIndex::Intern(const std::string& unit_id) {
  auto [it, added] = unit_ids_.emplace(unit_id, static_cast<uint32_t>(unit_ids_.size()));
  if (added) lead_keys_.emplace_back();
  return it->second;
}

std::optional<uint32_t> TaskIndex::Interned(const std::string& unit_id) const {
  auto it = unit_ids_.find(unit_id);
  if (it == unit_ids_.end()) return std::nullopt;
  return it->second;
}

void TaskIndex::Unlink(size_t index) {
  const auto e = static_cast<uint32_t>(index);
  auto drop = [e](std::vector<uint32_t>& v) { v.erase(std::remove(v.begin(), v.end(), e), v.end()); };
  drop(as_lead_[entries_[index].lead]);
  for (uint32_t c : entries_[index].coordinators) drop(as_coordinator_[c]);
}

void TaskIndex::Link(size_t index) {
  const auto e = static_cast<uint32_t>(index);
  auto add = [e](std::vector<uint32_t>& v) { v.insert(std::upper_bound(v.begin(), v.end(), e), e); };
  add(as_lead_[entries_[index].lead]);
  for (uint32_t c : entries_[index].coordinators) add(as_coordinator_[c]);
}

void TaskIndex::Upsert(const TaskFacts& f) {
  Entry e;
  e.id = f.id;
  e.plan_id = f.plan_id;
  e.parent_id = f.parent_id.value_or(0);
  e.updated = PackTimestamp(f.updated_at);
  e.lead = Intern(f.lead);
  lead_keys_[e.lead] = f.lead_key;
  for (const auto& c : f.coordinators) {
    const uint32_t u = Intern(c);
    if (std::find(e.coordinators.begin(), e.coordinators.end(), u) == e.coordinators.end()) e.coordinators.push_back(u);
  }
  e.coordinators.shrink_to_fit();
  e.objective_ids = f.objective_ids;
  e.status = f.status;
  e.completed = f.completed_on.has_value();
  if (f.completed_on) e.completed_on = *f.completed_on;
  if (f.deadline) {
    // Fixed forms are kept as their due day, which is all timeliness and windows need.
    e.deadline.present = true;
    if (f.deadline->kind == DeadlineKind::kRecurring) {
      e.deadline.kind = DeadlineKind::kRecurring;
      e.deadline.month = static_cast<uint8_t>(f.deadline->month);
      e.deadline.day = static_cast<uint8_t>(f.deadline->day);
      e.deadline.from_year = static_cast<int16_t>(f.deadline->year);
    } else if (auto due = FixedDueDate(*f.deadline)) {
      e.deadline.kind = DeadlineKind::kDate;
      e.deadline.due = *due;
    } else {
      e.deadline.kind = DeadlineKind::kOwnPlan;
    }
  }
  e.section = f.section;
  e.number_key = f.number_key;
  e.title_key = f.title_key;
  auto it = by_id_.find(e.id);
  if (it != by_id_.end()) {
    Unlink(it->second);
    entries_[it->second] = std::move(e);
    Link(it->second);
    return;
  }
  by_id_.emplace(e.id, entries_.size());
  entries_.push_back(std::move(e));
  Link(entries_.size() - 1);
}

std::vector<uint32_t> TaskIndex::Involving(const std::vector<std::string>& units, int roles) const {
  std::vector<uint32_t> out;
  for (const auto& id : units) {
    auto u = Interned(id);
    if (!u) continue;
    if (roles & 1)
      if (auto it = as_lead_.find(*u); it != as_lead_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    if (roles & 2)
      if (auto it = as_coordinator_.find(*u); it != as_coordinator_.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Page<int64_t> TaskIndex::Query(const TaskQuery& q, const TaskQueryContext& ctx) const {
  const UnitRegistry& reg = *ctx.registry;
  const Date as_of = ctx.as_of;

  // Candidates: the posting lists of the unit filters, intersected; else every task.
  std::optional<std::vector<uint32_t>> candidates;
  auto restrict_to = [&](const std::string& unit, int roles) {
    auto v = Involving(FilterUnits(reg, unit, as_of, q.include_predecessors), roles);
    if (!candidates) candidates = std::move(v);
    else IntersectSorted(*candidates, v);
  };
  if (!q.lead.empty()) restrict_to(q.lead, 1);
  if (!q.coordinator.empty()) restrict_to(q.coordinator, 2);
  if (!q.unit.empty()) restrict_to(q.unit, 3);

  // q matches the task's words (ctx.text_ids) or the names of the units it involves.
  std::vector<uint32_t> by_name;
  if (ctx.text_ids) by_name = Involving(reg.MatchNames(text::Fold(q.q)), 3);

  const Date from = q.due_from.value_or(MakeDate(1900, 1, 1));
  const Date to = q.due_to.value_or(MakeDate(2200, 12, 31));
  auto keep = [&](uint32_t i) {
    const Entry& f = entries_[i];
    if (ctx.plan_ids && !std::binary_search(ctx.plan_ids->begin(), ctx.plan_ids->end(), f.plan_id)) return false;
    if (!q.section.empty() && f.section != q.section) return false;
    if (!q.statuses.empty() && std::find(q.statuses.begin(), q.statuses.end(), f.status) == q.statuses.end())
      return false;
    if (q.objective_id && !std::binary_search(f.objective_ids.begin(), f.objective_ids.end(), *q.objective_id))
      return false;
    if (q.parent_id && f.parent_id != *q.parent_id) return false;
    if (ctx.serving_ids && !std::binary_search(ctx.serving_ids->begin(), ctx.serving_ids->end(), f.id)) return false;
    if ((q.due_from || q.due_to) && !DueInWindow(f.deadline.Expand(), from, to)) return false;
    if (!q.timeliness.empty()) {
      const auto d = f.deadline.Expand();
      auto t = JudgeTimeliness(d ? &*d : nullptr, f.completed ? std::optional(f.completed_on) : std::nullopt,
                               f.status == TaskStatus::kCancelled, as_of, q.due_soon_days);
      if (!t || std::find(q.timeliness.begin(), q.timeliness.end(), *t) == q.timeliness.end()) return false;
    }
    if (ctx.text_ids && !std::binary_search(ctx.text_ids->begin(), ctx.text_ids->end(), f.id) &&
        !std::binary_search(by_name.begin(), by_name.end(), i))
      return false;
    return true;
  };
  std::vector<uint32_t> matches;
  if (candidates) {
    for (uint32_t i : *candidates)
      if (keep(i)) matches.push_back(i);
  } else {
    for (uint32_t i = 0; i < entries_.size(); ++i)
      if (keep(i)) matches.push_back(i);
  }

  Page<int64_t> page;
  page.total = static_cast<int64_t>(matches.size());
  page.limit = q.limit;
  page.offset = q.offset;
  if (q.offset >= page.total) return page;

  // Order: the sort key, then the task number, then the id; deadline sorts put tasks
  // without a due date last in either direction.
  std::vector<std::optional<Date>> due;
  if (q.sort == TaskSort::kDeadline) {
    due.resize(entries_.size());
    for (uint32_t i : matches) {
      const auto d = entries_[i].deadline.Expand();
      due[i] = d ? GoverningDue(*d, as_of) : std::nullopt;
    }
  }
  const bool desc = q.descending;
  auto tie = [&](const Entry& a, const Entry& b) {
    if (a.number_key != b.number_key) return a.number_key < b.number_key;
    return a.id < b.id;
  };
  auto less = [&](uint32_t ia, uint32_t ib) {
    const Entry& a = entries_[ia];
    const Entry& b = entries_[ib];
    switch (q.sort) {
      case TaskSort::kNumber:
        if (a.plan_id != b.plan_id) return desc ? a.plan_id > b.plan_id : a.plan_id < b.plan_id;
        if (a.number_key != b.number_key) return desc ? a.number_key > b.number_key : a.number_key < b.number_key;
        return a.id < b.id;
      case TaskSort::kTitle:
        if (a.title_key != b.title_key) return desc ? a.title_key > b.title_key : a.title_key < b.title_key;
        return tie(a, b);
      case TaskSort::kLead: {
        const std::string& ka = lead_keys_[a.lead];
        const std::string& kb = lead_keys_[b.lead];
        if (ka != kb) return desc ? ka > kb : ka < kb;
        return tie(a, b);
      }
      case TaskSort::kStatus:
        if (a.status != b.status) return desc ? a.status > b.status : a.status < b.status;
        return tie(a, b);
      case TaskSort::kUpdated:
        if (a.updated != b.updated) return desc ? a.updated > b.updated : a.updated < b.updated;
        return a.id < b.id;
      case TaskSort::kDeadline: {
        const auto& da = due[ia];
        const auto& db = due[ib];
        if (da.has_value() != db.has_value()) return da.has_value();
        if (da && *da != *db) return desc ? *da > *db : *da < *db;
        return tie(a, b);
      }
    }
    return a.id < b.id;
  };
  const size_t end = std::min(matches.size(), static_cast<size_t>(q.offset + q.limit));
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(end), matches.end(), less);
  for (size_t i = static_cast<size_t>(q.offset); i < end; ++i) page.items.push_back(entries_[matches[i]].id);
  return page;
}

}  // namespace dxgov
