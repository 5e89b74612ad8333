// Who may do what: the one place where dxgov decides authorisation. Every route names an
// Action and describes what it touches as a Subject; Decide() gives the verdict. Nothing
// else in the program compares roles or units to allow or refuse a request.
//
// Permissions come in grants. A grant applies everywhere (system admin, standing agency)
// or to one unit and every unit below it in the unit tree. Unit scope follows the 2025
// reorganisation: a grant on a unit also covers its predecessors' records while they are
// open, so a merged province's staff carry on the tasks of the provinces it replaced.
//
// Visibility: published plans and everything in them are public. A draft plan and its
// objectives and tasks are seen only by global readers and by readers whose grant covers
// the plan's issuer; to everyone else they do not exist (404, never 403).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/date.h"
#include "core/unit.h"

namespace dxgov {

enum class Permission {
  kReadScoped,      // read draft plans and their contents
  kEditUnits,       // the unit registry
  kEditPlans,       // plans, objectives, targets, task creation and assignment
  kEditTasks,       // a task's status, progress and narrative, as its lead
  kReportProgress,  // progress entries, as lead or as an addressee of a group task
  kComment,         // progress entries that change nothing, as a coordinator
  kApprove,         // accept or return submissions (report cycles)
  kReadAudit,       // the audit trail
  kManageAccounts,  // users and API tokens
  kEditIndicators,  // indicator definitions, baselines and targets
  kReportValues,    // indicator figures for the units in scope
};

struct Grant {
  std::set<Permission> permissions;
  std::string unit_id;  // empty: everywhere
};

// An authenticated caller: a user (by session cookie) or an API token.
struct Principal {
  enum class Kind { kUser, kToken };
  Kind kind = Kind::kUser;
  int64_t id = 0;
  std::string name;       // the audit trail's actor: the login, or "token:<id>"
  std::string unit_id;
  std::vector<Grant> grants;
  bool by_cookie = false; // a browser session: writes must carry the CSRF token
};

// REQUIRES: the user is enabled (authentication checks that).
Principal PrincipalForUser(const User& u);
Principal PrincipalForToken(const ApiToken& t);

enum class Action {
  kPublic,          // anyone: health, version, the unit registry
  kRead,            // a plan, objective or task, or a list of them
  kReadInternal,    // a task's progress log and history: signed in
  kSignedIn,        // the caller's own account and session
  kEditUnits,
  kEditPlan,        // create or change a plan or objective; create a task; change its assignment
  kEditTask,        // change a task's status, dates, progress and narrative
  kReportProgress,  // append a progress entry
  kApprove,
  kReadAudit,
  kManageAccounts,
  kEditIndicators,  // define or change an indicator
  kReportValues,    // record figures for Subject::reporting_unit ("" = the country)
  kImportPlan,      // upload plan documents and review imports: a plan editor somewhere. An
                    // import (Subject::owner set) is seen by its uploader and by the plan
                    // editors of its issuer; to anyone else it does not exist. Committing
                    // needs kEditPlan on the issuer the reviewed proposal names, too.
  kManageCycles,    // open, change and close report cycles: the standing agency (kApprove
                    // everywhere)
  kReadReport,      // a respondent's submission in a report cycle (Subject::reporting_unit):
                    // seen by whoever may read, report for or approve that unit; to anyone
                    // else it does not exist
  kSubmitReport,    // save and submit a unit's submission: kReportProgress on the unit
  kReviewReport,    // accept or return a unit's submission: kApprove covering the unit, and
                    // not only the unit itself (nobody reviews their own unit's report),
                    // unless granted everywhere
  kManageSessions,  // schedule committee sessions, record them and their conclusions
                    // notices: the standing agency (kEditPlans everywhere)
  kSendReminders,   // run the day's reminders now: the standing agency (kApprove everywhere)
};
const char* ActionName(Action a);

// What a request touches. Collection-level actions leave the defaults.
struct Subject {
  bool published = true;           // false: a draft plan or something in it
  std::string plan_issuer;         // the unit that issued the plan
  std::string lead;                // the task's lead (may be a group)
  std::string reporting_unit;      // the unit a progress entry or a figure speaks for ("" = the
                                   // lead; for a figure, the country)
  std::vector<std::string> coordinators;
  bool open = true;                // the task is neither done nor cancelled
  bool comment_only = false;       // a progress entry that changes no status or percent
  std::string owner;               // an import: who uploaded it (Principal::name)
};

enum class Verdict {
  kAllow,
  kUnauthenticated,  // 401: sign in first
  kForbidden,        // 403: visible, but not yours to change
  kHidden,           // 404: not visible to this caller
};
const char* VerdictName(Verdict v);

// REQUIRES: `who` is null for an anonymous caller.
Verdict Decide(const Principal* who, Action action, const Subject& subject, const UnitRegistry& reg, Date today);

// True when the caller may see a draft plan issued by `issuer` (list filtering).
bool CanSeeDrafts(const Principal* who, const std::string& issuer, const UnitRegistry& reg, Date today);

// True when `grant` reaches `unit`: the grant is global, or `unit` is the grant's unit or
// below it, or (when `open`) the grant's unit succeeded `unit` or one of its ancestors.
// A group (e.g. "các địa phương") is never reached by a unit grant: members act on a
// group task through progress entries naming themselves as the reporting unit.
bool GrantCovers(const Grant& grant, const std::string& unit, const UnitRegistry& reg, Date today, bool open);

}  // namespace dxgov
