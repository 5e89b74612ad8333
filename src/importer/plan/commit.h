// Turns a reviewed proposal into the records it becomes: a Plan with its sections and cited
// documents, the plan's own Objectives, and a Task per proposed task. Pure: the caller
// stores the records (in one transaction) and decides who may.
//
// What is carried over, and what is not:
//   - every task, with its lead, coordinators, support unit, deadline, targets and line
//     range; its sub-items are appended to its text ("a) ..."), as they read in the document;
//   - the objectives the plan sets itself; goals quoted from other documents (a programme
//     in a meeting pack) stay in the proposal for reading;
//   - the committee members' key tasks, for the plan's year (roadmaps come later, from
//     the members), and the sessions it schedules, as planned sessions of its issuer;
//   - indicator tables, platform lists and appendix actions are not plan records: they stay
//     in the proposal (indicators and platforms have their own registries).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/key_task.h"
#include "core/plan.h"
#include "core/session.h"
#include "core/status.h"
#include "core/task.h"
#include "core/unit.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

struct CommitOptions {
  std::string key;                        // "" = PlanKeyFor(source)
  std::optional<int64_t> parent_plan_id;  // the plan this one implements
  bool published = false;
  // A name the registry lacks (a province's own department, "Sở Nội vụ") is assigned to the
  // issuer, keeping the name as written: the province leads through its department.
  // Coordinators that then equal the lead are left out (their names stay in the text).
  bool unresolved_to_issuer = false;
};

struct PlanRecords {
  Plan plan;                          // id 0: not stored yet
  std::vector<Objective> objectives;  // plan_id 0, ordinal set
  std::vector<Task> tasks;            // plan_id 0, ordinal set, in document order
  std::vector<KeyTask> key_tasks;     // plan_id 0, year the plan's
  std::vector<CommitteeSession> sessions;  // planned, by the issuer, in the plan's year; plan_id unset
  int cited_goals = 0;                // objectives of other documents, left in the proposal
};

// The stable key of the plan a document issues: the decision number and year as a slug
// ("27/QĐ-UBQGCĐS" of 2022 -> "27-qd-ubqgcds-2022"); a draft without a number is keyed by
// its title and the first 8 digits of its SHA-256 ("du-thao-ke-hoach-...-3104ea0f").
std::string PlanKeyFor(const SourceInfo& source);

// Errors (kInvalidArgument) name every problem at once, by JSON path into the proposal
// under "/proposal": the issuer, a lead, coordinator or support unit left unresolved or
// naming no unit of `reg` ("/proposal/tasks/4/lead/unit"), a duplicate task id or objective
// code, and anything core validation refuses (an empty title, a bad deadline or target).
Result<PlanRecords> RecordsFromProposal(const Proposal& p, const UnitRegistry& reg, const CommitOptions& options);

}  // namespace dxgov::importer
