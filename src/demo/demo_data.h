// The reference and demo data dxgov ships: the unit registry (agencies, the 63 provinces
// before 2025-07-01 and the 34 after, the 3,321 communes, groups) and the plans of
// data/plans/ (Decision 749/QĐ-TTg's programme and the committee's 2022 activity plan), and
// the indicators of data/indicators/ (Phụ lục I of the 2022 plan papers and their supports).
// The files are embedded in the binary at build time; see data/README.md for their sources.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/key_task.h"
#include "core/plan.h"
#include "core/session.h"
#include "core/platform.h"
#include "core/status.h"
#include "core/task.h"
#include "core/unit.h"
#include "store/store.h"

namespace dxgov::demo {

// The embedded copy of a data file by its path under data/ ("registry/units.json");
// empty when there is none.
std::string_view EmbeddedFile(std::string_view name);
std::vector<std::string> EmbeddedFileNames();

// A plan file as loaded: the plan, its objectives and tasks. Tasks name objectives by code
// and their parent plan by key until they are stored.
struct PlanBundle {
  Plan plan;
  std::string parent_key;
  std::vector<Objective> objectives;
  struct TaskEntry {
    Task task;
    std::vector<std::string> objective_codes;
  };
  std::vector<TaskEntry> tasks;
  std::vector<KeyTask> key_tasks;  // plan_id 0
  std::vector<CommitteeSession> sessions;  // the sessions the plan schedules; plan_id unset
};

// Sessions recorded apart from any plan (data/sessions/sessions.json): {"sessions":[...]} in
// the API's form (codec/session_json.h).
Result<std::vector<CommitteeSession>> ParseSessions(std::string_view json_text);

Result<std::vector<Unit>> ParseUnitRegistry(std::string_view json_text);
Result<PlanBundle> ParsePlanBundle(std::string_view json_text);

struct LoadSummary {
  int units = 0;
  int plans = 0;
  int objectives = 0;
  int tasks = 0;
  int indicators = 0;
  int platforms = 0;
};

// Reference rows added by LoadMissingReferenceData.
struct ReferenceSummary {
  int indicators = 0;
  int platforms = 0;
};

// Adds the shipped indicators and platforms that a database lacks (by code and key), so a
// database made before they shipped gets them; existing rows are never touched. Platforms
// need the 2022 plan; without it none are added. Safe to run on every start.
Result<ReferenceSummary> LoadMissingReferenceData(Store& store);

// The plan whose task numbers data/platforms/platforms.json names.
inline constexpr std::string_view kPlatformsPlanKey = "27-qd-ubqgcds-2022";

// The platforms of data/platforms/platforms.json: owners resolved against `reg` as named at
// the start of 2022, task numbers of the 2022 plan resolved through `task_ids`.
Result<std::vector<Platform>> ParsePlatforms(std::string_view json_text, const UnitRegistry& reg,
                                             const std::map<std::string, int64_t>& task_ids);

// Indicator definitions in the form of data/indicators/*.json, read strictly.
Result<std::vector<Indicator>> ParseIndicators(std::string_view json_text);

// Loads the registry, the indicators and every embedded plan, parents before children.
// REQUIRES: the store holds no units and no plans (else kConflict, nothing changed).
Result<LoadSummary> LoadDemoData(Store& store);

}  // namespace dxgov::demo
