#include "importer/plan/commit.h"

#include <algorithm>
#include <set>

#include "text/vn_text.h"

namespace dxgov::importer {
namespace {

// Collects field errors under the proposal's paths.
class Problems {
 public:
  void Add(std::string path, std::string reason) { errs_.push_back({std::move(path), std::move(reason)}); }

  // The field errors of a core validation, moved under `prefix`. `skip` names a field the
  // caller fills in later (the plan id of records not stored yet).
  void AddFrom(const Status& s, const std::string& prefix, std::string_view skip = "") {
    if (s.ok()) return;
    for (const auto& f : s.error().fields())
      if (f.path != skip) Add(prefix + f.path, f.reason);
  }

  // A unit the proposal names must be resolved, and to a unit the registry has.
  void CheckUnit(const NameRef& ref, const std::string& path, const UnitRegistry& reg) {
    if (ref.unit_id.empty()) {
      Add(path + "/unit", ref.as_written.empty()
                              ? "required: choose a unit"
                              : "'" + ref.as_written + "' is not resolved: choose a unit or remove it");
    } else if (!reg.Find(ref.unit_id)) {
      Add(path + "/unit", "unknown unit '" + ref.unit_id + "'");
    }
  }

  bool empty() const { return errs_.empty(); }
  std::vector<FieldError> take() { return std::move(errs_); }

 private:
  std::vector<FieldError> errs_;
};

UnitRef ToUnitRef(const NameRef& n) { return UnitRef{n.unit_id, n.as_written}; }

std::optional<SourceRef> SourceOf(const std::string& file, LineSpan lines) {
  if (lines.from <= 0) return std::nullopt;
  return SourceRef{file, lines.from, lines.to > 0 ? lines.to : lines.from};
}

// A sub-item as it reads in the document: "a) ...", "- ...", "(1) ...".
std::string SubItemLine(const SubItem& s) {
  const bool mark = s.label == "-" || s.label == "+" || s.label == "*" || (!s.label.empty() && s.label[0] == '(');
  if (s.label.empty()) return s.text;
  return s.label + (mark ? " " : ") ") + s.text;
}

std::string TaskText(const ProposedTask& t) {
  std::string text = t.text;
  for (const auto& s : t.sub_items) {
    if (!text.empty()) text.push_back('\n');
    text.append(SubItemLine(s));
  }
  return text;
}

int KeyYear(const SourceInfo& s) {
  if (s.date) return YearOf(*s.date);
  if (s.date_year > 0) return s.date_year;
  return s.plan_year;
}

Plan PlanOf(const Proposal& p, const CommitOptions& options) {
  const SourceInfo& s = p.source;
  Plan plan;
  plan.key = options.key.empty() ? PlanKeyFor(s) : options.key;
  plan.kind = "plan";
  plan.title = s.title;
  plan.decision_number = s.number;
  plan.decision_date = s.date;
  plan.issuer_id = s.issuer.unit_id;
  plan.signer = s.signer;
  if (s.plan_year > 0) {
    plan.period_from = MakeDate(s.plan_year, 1, 1);
    plan.period_to = MakeDate(s.plan_year, 12, 31);
  }
  plan.parent_id = options.parent_plan_id;
  plan.published = options.published;
  plan.source = SourceOf(s.file, s.plan_lines);
  for (const auto& sec : p.sections) {
    if (sec.numeral.empty()) continue;  // a document without Roman sections has one unnamed part
    plan.sections.push_back(Section{sec.numeral, sec.title, sec.intro, SourceOf(s.file, sec.lines)});
  }
  for (const auto& d : p.documents) plan.documents.push_back(DocumentRef{d.type, d.number, d.date, d.issuer, d.title});
  return plan;
}

}  // namespace

std::string PlanKeyFor(const SourceInfo& source) {
  const int year = KeyYear(source);
  if (!source.number.empty()) {
    std::string key = text::Slug(source.number);
    // "27/QĐ-UBQGCĐS" says nothing of the year it was issued in; numbers restart every year.
    if (year > 0 && key.find(std::to_string(year)) == std::string::npos) {
      key.push_back('-');
      key.append(std::to_string(year));
    }
    return key;
  }
  std::string title = text::Slug(source.title);
  if (title.size() > 80) {
    title.resize(80);
    if (auto dash = title.rfind('-'); dash != std::string::npos && dash > 40) title.resize(dash);
  }
  std::string key = "du-thao";
  // push_back/append rather than "-" + s: GCC 12 warns (-Wrestrict) on the latter.
  if (!title.empty()) key.append("-").append(title);
  if (source.sha256.size() >= 8) key.append("-").append(source.sha256, 0, 8);
  return text::Slug(key);
}

namespace {

// The proposal with every unresolved name given to the issuer (CommitOptions::unresolved_to_issuer).
Proposal WithUnresolvedAtIssuer(Proposal p) {
  const std::string& issuer = p.source.issuer.unit_id;
  auto assign = [&](NameRef& r) {
    if (r.unit_id.empty() && !r.as_written.empty()) r.unit_id = issuer;
  };
  for (auto& t : p.tasks) {
    if (t.lead) assign(*t.lead);
    for (auto& c : t.coordinators) assign(c);
    if (t.support_unit) assign(*t.support_unit);
    if (t.lead && !t.lead->unit_id.empty())
      std::erase_if(t.coordinators, [&](const NameRef& c) { return c.unit_id == t.lead->unit_id; });
  }
  return p;
}

}  // namespace

Result<PlanRecords> RecordsFromProposal(const Proposal& proposal, const UnitRegistry& reg, const CommitOptions& options) {
  const bool reassign = options.unresolved_to_issuer && !proposal.source.issuer.unit_id.empty();
  const Proposal reassigned = reassign ? WithUnresolvedAtIssuer(proposal) : Proposal{};
  const Proposal& p = reassign ? reassigned : proposal;
  Problems problems;
  PlanRecords out;
  out.plan = PlanOf(p, options);
  problems.CheckUnit(p.source.issuer, "/proposal/source/issuer", reg);
  {
    Status plan_ok = ValidatePlan(out.plan);
    if (!plan_ok.ok())
      for (const auto& f : plan_ok.error().fields())
        problems.Add(f.path == "/key" ? "/key" : "/proposal/source" + f.path, f.reason);
  }

  for (size_t i = 0; i < p.duties.size(); ++i) {
    const ProposedDuty& pd = p.duties[i];
    const std::string path = "/proposal/duties/" + std::to_string(i);
    problems.CheckUnit(pd.respondent, path + "/respondent", reg);
    PlanDuty d;
    d.respondent = pd.respondent.unit_id;
    d.what = pd.what;
    if (pd.due) d.due = *pd.due;
    else problems.Add(path + "/due", "required: the deadline for the own plans");
    d.year = pd.year;
    d.section = pd.section;
    d.source = SourceOf(p.source.file, pd.lines);
    if (pd.due && !pd.respondent.unit_id.empty())
      if (Status ok = ValidatePlanDuty(d, path); !ok.ok())
        for (const auto& f : ok.error().fields()) problems.Add(f.path, f.reason);
    out.plan.duties.push_back(std::move(d));
  }

  std::set<std::string> codes;
  for (size_t i = 0; i < p.objectives.size(); ++i) {
    const ProposedObjective& po = p.objectives[i];
    if (!po.document.empty()) {
      ++out.cited_goals;
      continue;
    }
    const std::string path = "/proposal/objectives/" + std::to_string(i);
    if (!codes.insert(po.code).second) problems.Add(path + "/code", "'" + po.code + "' is used twice");
    Objective o;
    o.code = po.code;
    o.group = po.group;
    o.text = po.text;
    o.targets = po.targets;
    o.source = SourceOf(p.source.file, po.lines);
    o.ordinal = static_cast<int>(out.objectives.size()) + 1;
    problems.AddFrom(ValidateObjective(o), path, "/plan_id");
    out.objectives.push_back(std::move(o));
  }

  std::set<std::string> ids;
  for (size_t i = 0; i < p.tasks.size(); ++i) {
    const ProposedTask& pt = p.tasks[i];
    const std::string path = "/proposal/tasks/" + std::to_string(i);
    if (pt.id.empty()) problems.Add(path + "/id", "required");
    else if (!ids.insert(pt.id).second) problems.Add(path + "/id", "'" + pt.id + "' is used twice");
    Task t;
    t.section = pt.section;
    t.number = pt.id;
    t.title = pt.title;
    t.text = TaskText(pt);
    t.expected_output = pt.expected_output;
    if (pt.lead) {
      problems.CheckUnit(*pt.lead, path + "/lead", reg);
      t.lead = ToUnitRef(*pt.lead);
    } else {
      problems.Add(path + "/lead", "required: every task has a lead unit");
    }
    std::set<std::string> seen;
    for (size_t c = 0; c < pt.coordinators.size(); ++c) {
      const NameRef& ref = pt.coordinators[c];
      problems.CheckUnit(ref, path + "/coordinators/" + std::to_string(c), reg);
      if (!ref.unit_id.empty() && !seen.insert(ref.unit_id).second) continue;  // named twice: once is enough
      t.coordinators.push_back(ToUnitRef(ref));
    }
    if (pt.support_unit) {
      problems.CheckUnit(*pt.support_unit, path + "/support_unit", reg);
      t.support_unit = ToUnitRef(*pt.support_unit);
    }
    t.deadline = pt.deadline;
    if (t.deadline && !t.deadline->unit.empty() && !reg.Find(t.deadline->unit))
      problems.Add(path + "/deadline/unit", "unknown unit '" + t.deadline->unit + "'");
    t.targets = pt.targets;
    t.source = SourceOf(p.source.file, pt.lines);
    t.ordinal = static_cast<int>(i) + 1;
    Status task_ok = ValidateTask(t);
    if (!task_ok.ok())
      for (const auto& f : task_ok.error().fields()) {
        // The plan id comes when stored; missing units were named by CheckUnit above.
        const bool unit_required = f.path.ends_with("/unit") && f.reason == "required";
        if (f.path == "/plan_id" || unit_required) continue;
        // The proposal names units under "unit" too, so core paths map one to one.
        problems.Add(path + (f.path == "/number" ? std::string("/id") : f.path), f.reason);
      }
    out.tasks.push_back(std::move(t));
  }

  for (size_t i = 0; i < p.key_tasks.size(); ++i) {
    const ProposedKeyTask& pk = p.key_tasks[i];
    const std::string path = "/proposal/key_tasks/" + std::to_string(i);
    problems.CheckUnit(pk.unit, path + "/unit", reg);
    KeyTask k;
    k.ordinal = pk.ordinal;
    k.member = pk.member;
    k.unit_id = pk.unit.unit_id;
    k.title = pk.title;
    k.year = p.source.plan_year;
    if (k.year == 0) problems.Add(path + "/year", "the plan's year is unknown");
    Status ok = ValidateKeyTask(k);
    if (!ok.ok())
      for (const auto& f : ok.error().fields())
        if (f.path != "/plan_id" && f.path != "/unit" && f.path != "/year") problems.Add(path + f.path, f.reason);
    out.key_tasks.push_back(std::move(k));
  }

  for (size_t i = 0; i < p.sessions.size(); ++i) {
    const ProposedSession& ps = p.sessions[i];
    const std::string path = "/proposal/sessions/" + std::to_string(i);
    CommitteeSession s = PlannedSession(p.source.issuer.unit_id, p.source.plan_year, ps.month, ps.kind);
    s.source = SourceOf(p.source.file, ps.lines);
    if (s.year == 0) problems.Add(path + "/year", "the plan's year is unknown");
    Status ok = ValidateSession(s);
    if (!ok.ok())
      for (const auto& f : ok.error().fields())
        if (f.path != "/committee" && f.path != "/year") problems.Add(path + f.path, f.reason);
    out.sessions.push_back(std::move(s));
  }

  if (!problems.empty())
    return Error(ErrorCode::kInvalidArgument, "Đề xuất kế hoạch còn chỗ phải sửa trước khi ghi",
                 "the proposal needs fixing before it can be committed", problems.take());
  return out;
}

}  // namespace dxgov::importer
