// Target attainment: where an indicator stands against a target, and whether the trend
// will carry it there by the target date.
//
// The method (docs/indicators.md): the observations are the figures known on `as_of`
// (rollups and baselines), each at the last day of its period. The trend is the
// least-squares line through the observations of the last five years (at least two
// needed), projected to the last day of the target year.
//   achieved   the latest figure meets the target (a figure for the target year or later);
//   missed     the target year is over and the figure for it does not meet the target
//              (no figure for it: no_data, whatever came before);
//   on_track   the projection meets the target;
//   at_risk    the projection covers at least half of the remaining gap;
//   off_track  less than half, or the trend runs the wrong way;
//   no_data    no figure; insufficient_data: one figure, not meeting the target.
// "Meets" follows the comparator: ≥ / > (higher is better), ≤ / < and top-N ranks (lower is
// better), a range (inside it; below it counts as short), = (within half the last decimal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/indicator.h"
#include "core/plan.h"
#include "core/rollup.h"

namespace dxgov {

enum class AttainmentStatus { kAchieved, kMissed, kOnTrack, kAtRisk, kOffTrack, kNoData, kInsufficientData };
const char* AttainmentStatusName(AttainmentStatus s);     // "achieved", "missed", "on_track", ...
const char* AttainmentStatusLabelVi(AttainmentStatus s);  // "Đã đạt", "Không đạt", "Đúng tiến độ", ...

struct Observation {
  Date at;          // the last day of the figure's period
  double value = 0;
  bool estimated = false;
};

struct Attainment {
  AttainmentStatus status = AttainmentStatus::kNoData;
  std::optional<double> latest;     // the most recent figure
  std::optional<Date> latest_at;
  std::optional<double> gap;        // how far the latest figure is from the target, in the
                                    // better direction (≤ 0 once met)
  std::optional<double> percent;    // latest as a percentage of the target
  std::optional<double> projected;  // the trend's value at the target date
  std::optional<double> slope_per_year;
};

// REQUIRES: ValidateTarget(target) passed and target.year != 0.
// `observations` in any order; those after `as_of` are ignored. `decimals` sets the
// tolerance of "=" targets.
Attainment Assess(const Target& target, std::vector<Observation> observations, Date as_of, int decimals = 1);

// The observations a national target is judged on: the indicator's baselines and the
// country's yearly rollups for the ten years up to `as_of` (a rollup wins over a baseline
// for the same year), in order of year.
std::vector<Observation> NationalObservations(const Indicator& ind, const RollupEngine& rollups, Date as_of,
                                              bool approved_only);

}  // namespace dxgov
