// Committee members' key tasks (nhiệm vụ trọng điểm) and their monthly roadmaps.
//
// Each member of the national committee leads one key task meant to make a breakthrough
// ("Phổ cập danh tính số toàn dân", led by the Minister of Public Security). The member
// sends a roadmap for the year — month by month, the result expected by the month's end —
// and each month reports the result actually reached. The working group compares the two:
// a month whose expectation was not met, or whose report has not come in after the grace
// days, is slippage.
//
// This file holds the record and the rules that need no storage: validation and how a
// roadmap stands on a date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace dxgov {

// Days after a month's end by which its result is reported ("trước ngày 05 tháng sau").
constexpr int kDefaultRoadmapGraceDays = 5;

struct RoadmapStep {
  int month = 0;          // 1..12, of the key task's year
  std::string expected;   // the result expected by the end of the month
  bool operator==(const RoadmapStep&) const = default;
};

enum class Achievement { kMet, kPartly, kNotMet };
const char* AchievementName(Achievement a);     // "met", "partly", "not_met"
const char* AchievementLabelVi(Achievement a);  // "Đạt", "Đạt một phần", "Không đạt"
const char* AchievementLabelEn(Achievement a);
std::optional<Achievement> ParseAchievement(std::string_view s);

struct MonthlyResult {
  int month = 0;           // 1..12
  std::string actual;      // what was reached
  Achievement achieved = Achievement::kMet;
  std::string reported_by;  // who reported it, set by the route
  std::string reported_at;  // ISO-8601 UTC, set by the route
  bool operator==(const MonthlyResult&) const = default;
};

struct KeyTask {
  int64_t id = 0;
  int64_t plan_id = 0;
  int ordinal = 0;                  // the "TT" column: 1, 2, ...
  std::string member;               // as written: "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an"
  std::string unit_id;              // the member's ministry or agency, who reports
  std::string title;                // "Phổ cập danh tính số toàn dân"
  int year = 0;                     // the roadmap's year
  std::optional<int64_t> task_id;   // the plan task it drives, when there is one
  std::vector<RoadmapStep> roadmap;     // by month, each month at most once
  std::vector<MonthlyResult> results;   // by month, each month at most once
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Plan, unit id, member and title present, year 2000..2100, months 1..12 each at most once
// (roadmap and results), expected and actual texts present. Paths name each bad field.
Status ValidateKeyTask(const KeyTask& k);

// Replaces the roadmap, or sets one month's result, keeping both sorted by month.
void SetRoadmap(KeyTask& k, std::vector<RoadmapStep> steps);
void SetResult(KeyTask& k, MonthlyResult r);

// How one month of the year stands on a date.
enum class MonthState {
  kUpcoming,    // the month has not ended
  kAwaiting,    // ended, no report yet, still within the grace days
  kUnreported,  // ended, no report, grace days over
  kMet,
  kPartly,
  kNotMet,
};
const char* MonthStateName(MonthState s);     // "upcoming", "awaiting", "unreported", ...
const char* MonthStateLabelVi(MonthState s);

struct MonthStanding {
  int month = 0;
  const RoadmapStep* expected = nullptr;  // into the key task; null when the month has none
  const MonthlyResult* result = nullptr;  // likewise
  MonthState state = MonthState::kUpcoming;
  bool slipped = false;                   // expected, ended, and not met or not reported
};

struct RoadmapStanding {
  std::vector<MonthStanding> months;  // every month with an expectation or a result, in order
  int due = 0;          // months with an expectation that have ended
  int met = 0, partly = 0, not_met = 0, unreported = 0;
  int slipped = 0;      // partly + not_met + unreported, among months with an expectation
  int behind_since = 0;  // the first month of the current unbroken run of slipped months; 0 none
  bool has_roadmap = false;
};

// REQUIRES: ValidateKeyTask(k) passed. The standing points into `k`, which must outlive it.
// A month's result counts whenever it is reported: late reports clear "unreported".
RoadmapStanding JudgeRoadmap(const KeyTask& k, Date as_of, int grace_days = kDefaultRoadmapGraceDays);

}  // namespace dxgov
