#include "core/access.h"

#include <algorithm>

namespace dxgov {
namespace {

using P = Permission;

std::set<Permission> PermissionsOf(Role r) {
  switch (r) {
    case Role::kAdmin:
      return {P::kReadScoped, P::kEditUnits,      P::kEditPlans,       P::kEditTasks,
              P::kReportProgress, P::kComment, P::kApprove,       P::kReadAudit,
              P::kManageAccounts, P::kEditIndicators, P::kReportValues};
    case Role::kStandingEditor:
      return {P::kReadScoped, P::kEditPlans, P::kEditTasks,      P::kReportProgress, P::kComment,
              P::kApprove,    P::kReadAudit, P::kEditIndicators, P::kReportValues};
    case Role::kUnitEditor:
      // Plans issued within the unit's subtree are its own to write (a province's plan).
      return {P::kReadScoped, P::kEditPlans, P::kEditTasks, P::kReportProgress, P::kComment, P::kReportValues};
    case Role::kUnitApprover:
      return {P::kReadScoped, P::kApprove};
    case Role::kViewer:
      return {P::kReadScoped};
  }
  return {};
}

// Depth bound for walking up the unit tree; the registry refuses cycles, this guards the loop.
constexpr int kMaxDepth = 32;

bool AnyGrant(const Principal& who, Permission p, const std::string& unit, const UnitRegistry& reg, Date today,
              bool open) {
  return std::any_of(who.grants.begin(), who.grants.end(), [&](const Grant& g) {
    return g.permissions.count(p) && GrantCovers(g, unit, reg, today, open);
  });
}

bool HasGlobal(const Principal& who, Permission p) {
  return std::any_of(who.grants.begin(), who.grants.end(),
                     [&](const Grant& g) { return g.unit_id.empty() && g.permissions.count(p); });
}

bool Visible(const Principal* who, const Subject& s, const UnitRegistry& reg, Date today) {
  return s.published || CanSeeDrafts(who, s.plan_issuer, reg, today);
}

Verdict AllowIf(bool allowed) { return allowed ? Verdict::kAllow : Verdict::kForbidden; }

// A unit's report in a cycle: visible to whoever may read, report for or approve the unit.
Verdict DecideReport(const Principal& who, Action action, const std::string& unit, const UnitRegistry& reg,
                     Date today) {
  const bool sees = std::any_of(who.grants.begin(), who.grants.end(), [&](const Grant& g) {
    return (g.permissions.count(P::kReadScoped) || g.permissions.count(P::kReportProgress) ||
            g.permissions.count(P::kApprove)) &&
           GrantCovers(g, unit, reg, today, true);
  });
  if (!sees) return Verdict::kHidden;
  switch (action) {
    case Action::kSubmitReport:
      return AllowIf(AnyGrant(who, P::kReportProgress, unit, reg, today, true));
    case Action::kReviewReport:
      return AllowIf(std::any_of(who.grants.begin(), who.grants.end(), [&](const Grant& g) {
        return g.permissions.count(P::kApprove) &&
               (g.unit_id.empty() || (g.unit_id != unit && GrantCovers(g, unit, reg, today, true)));
      }));
    default:
      return Verdict::kAllow;
  }
}

}  // namespace

Principal PrincipalForUser(const User& u) {
  Principal p;
  p.kind = Principal::Kind::kUser;
  p.id = u.id;
  p.name = u.login;
  p.unit_id = u.unit_id;
  for (Role r : u.roles) p.grants.push_back(Grant{PermissionsOf(r), RoleIsGlobal(r) ? "" : u.unit_id});
  return p;
}

Principal PrincipalForToken(const ApiToken& t) {
  Principal p;
  p.kind = Principal::Kind::kToken;
  p.id = t.id;
  p.name = "token:" + std::to_string(t.id);
  p.unit_id = t.unit_id;
  Grant g;
  g.unit_id = t.unit_id;  // never empty: a token always acts within one subtree
  for (TokenPermission tp : t.permissions) {
    switch (tp) {
      case TokenPermission::kRead: g.permissions.insert(P::kReadScoped); break;
      case TokenPermission::kTasks: g.permissions.insert(P::kEditTasks); break;
      case TokenPermission::kProgress:
        g.permissions.insert(P::kReportProgress);
        g.permissions.insert(P::kComment);
        break;
      case TokenPermission::kPlans: g.permissions.insert(P::kEditPlans); break;
      case TokenPermission::kValues: g.permissions.insert(P::kReportValues); break;
    }
  }
  if (!g.unit_id.empty()) p.grants.push_back(std::move(g));
  return p;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kPublic: return "public";
    case Action::kRead: return "read";
    case Action::kReadInternal: return "read_internal";
    case Action::kSignedIn: return "signed_in";
    case Action::kEditUnits: return "edit_units";
    case Action::kEditPlan: return "edit_plan";
    case Action::kEditTask: return "edit_task";
    case Action::kReportProgress: return "report_progress";
    case Action::kApprove: return "approve";
    case Action::kReadAudit: return "read_audit";
    case Action::kManageAccounts: return "manage_accounts";
    case Action::kEditIndicators: return "edit_indicators";
    case Action::kReportValues: return "report_values";
    case Action::kImportPlan: return "import_plan";
    case Action::kManageCycles: return "manage_cycles";
    case Action::kManageSessions: return "manage_sessions";
    case Action::kSendReminders: return "send_reminders";
    case Action::kReadReport: return "read_report";
    case Action::kSubmitReport: return "submit_report";
    case Action::kReviewReport: return "review_report";
  }
  return "unknown";
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kAllow: return "allow";
    case Verdict::kUnauthenticated: return "unauthenticated";
    case Verdict::kForbidden: return "forbidden";
    case Verdict::kHidden: return "hidden";
  }
  return "unknown";
}

bool GrantCovers(const Grant& grant, const std::string& unit, const UnitRegistry& reg, Date today, bool open) {
  if (grant.unit_id.empty()) return true;
  if (unit.empty()) return false;
  const std::vector<std::string> predecessors = open ? reg.Predecessors(grant.unit_id) : std::vector<std::string>{};
  std::string cur = unit;
  for (int depth = 0; depth < kMaxDepth && !cur.empty(); ++depth) {
    if (cur == grant.unit_id) return true;
    if (std::find(predecessors.begin(), predecessors.end(), cur) != predecessors.end()) return true;
    const Unit* u = reg.Find(cur);
    if (!u || u->versions.empty()) return false;
    cur = VersionOrLatest(*u, today).parent_id;
  }
  return false;
}

bool CanSeeDrafts(const Principal* who, const std::string& issuer, const UnitRegistry& reg, Date today) {
  return who && AnyGrant(*who, P::kReadScoped, issuer, reg, today, true);
}

Verdict Decide(const Principal* who, Action action, const Subject& s, const UnitRegistry& reg, Date today) {
  switch (action) {
    case Action::kPublic:
      return Verdict::kAllow;
    case Action::kRead:
      return Visible(who, s, reg, today) ? Verdict::kAllow : Verdict::kHidden;
    default:
      break;
  }
  if (!who) return Verdict::kUnauthenticated;
  switch (action) {
    case Action::kPublic:
    case Action::kRead:
    case Action::kSignedIn:
      return Verdict::kAllow;
    case Action::kReadInternal:
      return Visible(who, s, reg, today) ? Verdict::kAllow : Verdict::kHidden;
    case Action::kEditUnits:
      return AllowIf(HasGlobal(*who, P::kEditUnits));
    case Action::kReadAudit:
      return AllowIf(HasGlobal(*who, P::kReadAudit));
    case Action::kManageAccounts:
      return AllowIf(HasGlobal(*who, P::kManageAccounts));
    case Action::kEditIndicators:
      return AllowIf(HasGlobal(*who, P::kEditIndicators));
    case Action::kReportValues:
      // A successor's staff may correct their predecessors' figures too.
      return AllowIf(AnyGrant(*who, P::kReportValues, s.reporting_unit, reg, today, true));
    case Action::kImportPlan: {
      const bool edits_plans = std::any_of(who->grants.begin(), who->grants.end(),
                                           [](const Grant& g) { return g.permissions.count(P::kEditPlans) > 0; });
      if (!edits_plans) return Verdict::kForbidden;
      if (s.owner.empty()) return Verdict::kAllow;  // the collection: upload, list
      if (s.owner == who->name || AnyGrant(*who, P::kEditPlans, s.plan_issuer, reg, today, true)) return Verdict::kAllow;
      return Verdict::kHidden;
    }
    case Action::kManageCycles:
      return AllowIf(HasGlobal(*who, P::kApprove));
    case Action::kManageSessions:
      return AllowIf(HasGlobal(*who, P::kEditPlans));
    case Action::kSendReminders:
      return AllowIf(HasGlobal(*who, P::kApprove));
    case Action::kReadReport:
    case Action::kSubmitReport:
    case Action::kReviewReport:
      return DecideReport(*who, action, s.reporting_unit, reg, today);
    default:
      break;
  }
  if (!Visible(who, s, reg, today)) return Verdict::kHidden;
  const bool plan_editor = AnyGrant(*who, P::kEditPlans, s.plan_issuer, reg, today, true);
  switch (action) {
    case Action::kEditPlan:
      return AllowIf(plan_editor);
    case Action::kEditTask:
      return AllowIf(plan_editor || AnyGrant(*who, P::kEditTasks, s.lead, reg, today, s.open));
    case Action::kReportProgress: {
      const std::string& reporter = s.reporting_unit.empty() ? s.lead : s.reporting_unit;
      if (plan_editor || AnyGrant(*who, P::kReportProgress, reporter, reg, today, s.open)) return Verdict::kAllow;
      if (!s.comment_only) return Verdict::kForbidden;
      return AllowIf(std::any_of(s.coordinators.begin(), s.coordinators.end(), [&](const std::string& c) {
        return AnyGrant(*who, P::kComment, c, reg, today, s.open);
      }));
    }
    case Action::kApprove: {
      const std::string& unit = s.reporting_unit.empty() ? s.lead : s.reporting_unit;
      return AllowIf(AnyGrant(*who, P::kApprove, unit, reg, today, true));
    }
    default:
      return Verdict::kForbidden;
  }
}

}  // namespace dxgov
