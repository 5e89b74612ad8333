#include "importer/plan/evaluate.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

std::string Key(const NameRef& r) {
  if (!r.unit_id.empty()) return r.unit_id;
  std::string out(1, '?');
  out.append(text::Fold(r.as_written));
  return out;
}
std::string Key(const std::optional<NameRef>& r) { return r ? Key(*r) : std::string("-"); }

bool SameDeadline(Deadline a, Deadline b) {
  a.text.clear();
  b.text.clear();
  return a == b;
}

std::string DescribeDeadline(const std::optional<Deadline>& d) {
  if (!d) return "none";
  if (!d->text.empty()) return d->text;
  std::string out(1, '(');
  out.append(DeadlineKindName(d->kind)).append(")");
  return out;
}

std::string TargetKey(const Target& t) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s|%.6g|%.6g|%s|%d", ComparatorName(t.comparator), t.value,
                t.value_to.value_or(-1), t.unit.c_str(), t.year);
  return buf;
}

// Pairs both sides share, counted with multiplicity.
int Overlap(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return static_cast<int>(common.size());
}

}  // namespace

const FieldScore* Evaluation::Find(const std::string& field) const {
  for (const auto& f : fields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

Evaluation EvaluateProposal(const Proposal& given, const Proposal& expected) {
  Evaluation ev;
  auto miss = [&](std::string s) {
    if (ev.mismatches.size() < 500) ev.mismatches.push_back(std::move(s));
  };

  // Tasks: by id, then by first line.
  FieldScore tasks{"tasks", static_cast<int>(given.tasks.size()), static_cast<int>(expected.tasks.size()), 0};
  std::vector<std::pair<const ProposedTask*, const ProposedTask*>> pairs;
  std::set<const ProposedTask*> used;
  std::map<std::string, const ProposedTask*> by_id;
  std::map<int, const ProposedTask*> by_line;
  for (const auto& t : given.tasks) {
    by_id.emplace(t.id, &t);
    by_line.emplace(t.lines.from, &t);
  }
  for (const auto& e : expected.tasks) {
    const ProposedTask* g = nullptr;
    if (auto it = by_id.find(e.id); it != by_id.end() && !used.count(it->second)) g = it->second;
    if (g == nullptr && e.lines.from > 0) {
      if (auto it = by_line.find(e.lines.from); it != by_line.end() && !used.count(it->second)) g = it->second;
    }
    if (g == nullptr) {
      miss("task " + e.id + ": not found");
      continue;
    }
    used.insert(g);
    pairs.emplace_back(g, &e);
  }
  for (const auto& t : given.tasks) {
    if (!used.count(&t)) miss("task " + t.id + ": not in the answer");
  }
  tasks.correct = static_cast<int>(pairs.size());
  ev.fields.push_back(tasks);

  FieldScore lead{"lead"}, coordinators{"coordinators"}, deadline{"deadline"};
  for (const auto& [g, e] : pairs) {
    lead.given += g->lead ? 1 : 0;
    lead.expected += e->lead ? 1 : 0;
    if (g->lead && e->lead && Key(g->lead) == Key(e->lead)) {
      ++lead.correct;
    } else if (g->lead || e->lead) {
      miss("task " + e->id + ": lead " + Key(g->lead) + ", expected " + Key(e->lead));
    }
    std::vector<std::string> gc, ec;
    for (const auto& c : g->coordinators) gc.push_back(Key(c));
    for (const auto& c : e->coordinators) ec.push_back(Key(c));
    coordinators.given += static_cast<int>(gc.size());
    coordinators.expected += static_cast<int>(ec.size());
    const int common = Overlap(gc, ec);
    coordinators.correct += common;
    if (common != static_cast<int>(gc.size()) || common != static_cast<int>(ec.size())) {
      auto joined = [](const std::vector<std::string>& keys) {
        std::string out;
        for (const auto& k : keys) {
          if (!out.empty()) out.push_back(',');
          out.append(k);
        }
        return out;
      };
      const std::string a = joined(gc), b = joined(ec);
      miss("task " + e->id + ": coordinators {" + a + "}, expected {" + b + "}");
    }
    deadline.given += g->deadline ? 1 : 0;
    deadline.expected += e->deadline ? 1 : 0;
    if (g->deadline && e->deadline && SameDeadline(*g->deadline, *e->deadline)) {
      ++deadline.correct;
    } else if (g->deadline || e->deadline) {
      miss("task " + e->id + ": deadline " + DescribeDeadline(g->deadline) + ", expected " + DescribeDeadline(e->deadline));
    }
  }
  ev.fields.push_back(lead);
  ev.fields.push_back(coordinators);
  ev.fields.push_back(deadline);

  // Objective targets, objectives matched by document and code.
  FieldScore targets{"targets"};
  std::map<std::string, const ProposedObjective*> objectives;
  for (const auto& o : given.objectives) objectives.emplace(o.document + "#" + o.code, &o);
  for (const auto& o : given.objectives) targets.given += static_cast<int>(o.targets.size());
  for (const auto& e : expected.objectives) {
    targets.expected += static_cast<int>(e.targets.size());
    auto it = objectives.find(e.document + "#" + e.code);
    if (it == objectives.end()) {
      if (!e.targets.empty()) miss("objective " + e.document + " " + e.code + ": not found");
      continue;
    }
    std::vector<std::string> gk, ek;
    for (const auto& t : it->second->targets) gk.push_back(TargetKey(t));
    for (const auto& t : e.targets) ek.push_back(TargetKey(t));
    const int common = Overlap(gk, ek);
    targets.correct += common;
    if (common != static_cast<int>(gk.size()) || common != static_cast<int>(ek.size())) {
      miss("objective " + e.document + " " + e.code + ": " + std::to_string(common) + " of " +
           std::to_string(ek.size()) + " targets right, " + std::to_string(gk.size()) + " read");
    }
  }
  ev.fields.push_back(targets);

  // Indicator values, indicators matched by name.
  FieldScore values{"indicators"};
  auto value_keys = [](const ProposedIndicator& ind) {
    std::vector<std::string> out;
    for (const auto& v : ind.values) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%d|%s|%s", v.year, v.value ? std::to_string(*v.value).c_str() : "-",
                    v.value_to ? std::to_string(*v.value_to).c_str() : "");
      out.emplace_back(buf);
    }
    return out;
  };
  std::map<std::string, const ProposedIndicator*> indicators;
  for (const auto& i : given.indicators) {
    indicators.emplace(text::Fold(i.name), &i);
    values.given += static_cast<int>(i.values.size());
  }
  for (const auto& e : expected.indicators) {
    values.expected += static_cast<int>(e.values.size());
    auto it = indicators.find(text::Fold(e.name));
    if (it == indicators.end()) {
      miss("indicator \"" + e.name + "\": not found");
      continue;
    }
    const int common = Overlap(value_keys(*it->second), value_keys(e));
    values.correct += common;
    if (common != static_cast<int>(e.values.size())) miss("indicator \"" + e.name + "\": values differ");
  }
  ev.fields.push_back(values);

  // Platforms and their owners.
  FieldScore platforms{"platforms", static_cast<int>(given.platforms.size()), static_cast<int>(expected.platforms.size()), 0};
  FieldScore owners{"platform owners"};
  std::map<std::string, const ProposedPlatform*> by_platform;
  for (const auto& p : given.platforms) {
    by_platform.emplace(p.number + "#" + text::Fold(p.name), &p);
    owners.given += static_cast<int>(p.owners.size());
  }
  for (const auto& e : expected.platforms) {
    owners.expected += static_cast<int>(e.owners.size());
    auto it = by_platform.find(e.number + "#" + text::Fold(e.name));
    if (it == by_platform.end()) {
      miss("platform " + e.number + " " + e.name + ": not found");
      continue;
    }
    ++platforms.correct;
    std::vector<std::string> go, eo;
    for (const auto& o : it->second->owners) go.push_back(Key(o));
    for (const auto& o : e.owners) eo.push_back(Key(o));
    owners.correct += Overlap(go, eo);
  }
  ev.fields.push_back(platforms);
  ev.fields.push_back(owners);

  // Members' key tasks: which member leads what, through which body.
  FieldScore key_tasks{"key tasks", static_cast<int>(given.key_tasks.size()), static_cast<int>(expected.key_tasks.size()), 0};
  auto key_task_key = [](const ProposedKeyTask& k) {
    return std::to_string(k.ordinal) + "#" + Key(k.unit) + "#" + text::Fold(k.title);
  };
  std::vector<std::string> gk, ek;
  for (const auto& k : given.key_tasks) gk.push_back(key_task_key(k));
  for (const auto& k : expected.key_tasks) ek.push_back(key_task_key(k));
  key_tasks.correct = Overlap(gk, ek);
  if (key_tasks.correct != key_tasks.expected) miss("key tasks differ");
  ev.fields.push_back(key_tasks);

  // The sessions the plan schedules: which months, of which kind.
  FieldScore sessions{"sessions", static_cast<int>(given.sessions.size()), static_cast<int>(expected.sessions.size()), 0};
  auto session_key = [](const ProposedSession& s) { return std::to_string(s.month) + SessionKindName(s.kind); };
  std::vector<std::string> gs, es;
  for (const auto& s : given.sessions) gs.push_back(session_key(s));
  for (const auto& s : expected.sessions) es.push_back(session_key(s));
  sessions.correct = Overlap(gs, es);
  if (sessions.correct != sessions.expected) miss("sessions differ");
  ev.fields.push_back(sessions);

  // Duties on the addressees to issue their own plans: who, by when.
  FieldScore duties{"duties", static_cast<int>(given.duties.size()), static_cast<int>(expected.duties.size()), 0};
  auto duty_key = [](const ProposedDuty& d) {
    const std::string who = d.respondent.unit_id.empty() ? d.respondent.as_written : d.respondent.unit_id;
    const std::optional<Date> due = d.due ? FixedDueDate(*d.due) : std::nullopt;
    return who + "@" + (due ? FormatIso(*due) : std::string("?"));
  };
  std::vector<std::string> gdu, edu;
  for (const auto& d : given.duties) gdu.push_back(duty_key(d));
  for (const auto& d : expected.duties) edu.push_back(duty_key(d));
  duties.correct = Overlap(gdu, edu);
  for (const auto& k : edu)
    if (std::find(gdu.begin(), gdu.end(), k) == gdu.end()) miss("duty " + k + " not found");
  ev.fields.push_back(duties);

  // Cited documents and appendix actions.
  FieldScore documents{"documents", static_cast<int>(given.documents.size()), static_cast<int>(expected.documents.size()), 0};
  std::vector<std::string> gd, ed;
  for (const auto& d : given.documents) gd.push_back(d.number);
  for (const auto& d : expected.documents) ed.push_back(d.number);
  documents.correct = Overlap(gd, ed);
  ev.fields.push_back(documents);
  FieldScore actions{"actions", static_cast<int>(given.actions.size()), static_cast<int>(expected.actions.size()), 0};
  std::vector<std::string> ga, ea;
  for (const auto& a : given.actions) ga.push_back(a.document + "#" + a.number);
  for (const auto& a : expected.actions) ea.push_back(a.document + "#" + a.number);
  actions.correct = Overlap(ga, ea);
  ev.fields.push_back(actions);
  return ev;
}

}  // namespace dxgov::importer
