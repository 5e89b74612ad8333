#include "core/attainment.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dxgov {
namespace {

constexpr int kTrendYears = 5;
constexpr double kDaysPerYear = 365.25;

// +1 when higher is better, -1 when lower is; 0 for "=" targets.
int Sense(Comparator c) {
  switch (c) {
    case Comparator::kGe:
    case Comparator::kGt:
    case Comparator::kRange: return 1;
    case Comparator::kLe:
    case Comparator::kLt:
    case Comparator::kTop: return -1;
    case Comparator::kEq: return 0;
  }
  return 1;
}

bool Meets(const Target& t, double v, int decimals) {
  switch (t.comparator) {
    case Comparator::kGe: return v >= t.value;
    case Comparator::kGt: return v > t.value;
    case Comparator::kLe: return v <= t.value;
    case Comparator::kLt: return v < t.value;
    case Comparator::kTop: return v <= t.value;
    case Comparator::kRange: return v >= t.value && v <= t.value_to.value_or(t.value);
    case Comparator::kEq: return std::fabs(v - t.value) <= 0.5 * std::pow(10.0, -decimals);
  }
  return false;
}

// The figure the trend has to reach: the target, or a range's lower bound.
double Goal(const Target& t) { return t.value; }

}  // namespace

const char* AttainmentStatusName(AttainmentStatus s) {
  switch (s) {
    case AttainmentStatus::kAchieved: return "achieved";
    case AttainmentStatus::kMissed: return "missed";
    case AttainmentStatus::kOnTrack: return "on_track";
    case AttainmentStatus::kAtRisk: return "at_risk";
    case AttainmentStatus::kOffTrack: return "off_track";
    case AttainmentStatus::kNoData: return "no_data";
    case AttainmentStatus::kInsufficientData: return "insufficient_data";
  }
  return "no_data";
}

const char* AttainmentStatusLabelVi(AttainmentStatus s) {
  switch (s) {
    case AttainmentStatus::kAchieved: return "Đã đạt";
    case AttainmentStatus::kMissed: return "Không đạt";
    case AttainmentStatus::kOnTrack: return "Đúng tiến độ";
    case AttainmentStatus::kAtRisk: return "Có nguy cơ không đạt";
    case AttainmentStatus::kOffTrack: return "Chậm tiến độ";
    case AttainmentStatus::kNoData: return "Chưa có số liệu";
    case AttainmentStatus::kInsufficientData: return "Chưa đủ số liệu";
  }
  return "";
}

Attainment Assess(const Target& target, std::vector<Observation> obs, Date as_of, int decimals) {
  Attainment a;
  obs.erase(std::remove_if(obs.begin(), obs.end(), [&](const Observation& o) { return o.at > as_of; }), obs.end());
  std::sort(obs.begin(), obs.end(), [](const Observation& x, const Observation& y) { return x.at < y.at; });
  if (obs.empty()) return a;
  const Observation& last = obs.back();
  a.latest = last.value;
  a.latest_at = last.at;
  const int sense = Sense(target.comparator);
  const double goal = Goal(target);
  a.gap = sense >= 0 ? goal - last.value : last.value - goal;
  if (sense == 0) a.gap = std::fabs(goal - last.value);
  if (sense >= 0 && goal != 0) a.percent = 100.0 * last.value / goal;
  if (sense < 0 && last.value != 0) a.percent = last.value <= goal ? 100.0 : 100.0 * goal / last.value;

  const Date target_day = MakeDate(target.year, 12, 31);
  const bool met = Meets(target, last.value, decimals);
  if (met && YearOf(last.at) >= target.year) {
    a.status = AttainmentStatus::kAchieved;
    return a;
  }
  if (as_of > target_day) {
    // The target year is over: judged by its own figure; without one there is no verdict.
    if (YearOf(last.at) < target.year) a.status = met ? AttainmentStatus::kAchieved : AttainmentStatus::kNoData;
    else a.status = met ? AttainmentStatus::kAchieved : AttainmentStatus::kMissed;
    return a;
  }

  // The trend over the last five years of observations.
  const Date from = AddDays(last.at, -static_cast<int>(kTrendYears * kDaysPerYear));
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& o : obs) {
    if (o.at < from) continue;
    const double x = DaysBetween(last.at, o.at) / kDaysPerYear;
    n += 1;
    sx += x;
    sy += o.value;
    sxx += x * x;
    sxy += x * o.value;
  }
  const double denom = n * sxx - sx * sx;
  if (n < 2 || std::fabs(denom) < 1e-12) {
    a.status = met ? AttainmentStatus::kOnTrack : AttainmentStatus::kInsufficientData;
    return a;
  }
  const double slope = (n * sxy - sx * sy) / denom;
  const double intercept = (sy - slope * sx) / n;
  const double years_left = DaysBetween(last.at, target_day) / kDaysPerYear;
  a.slope_per_year = slope;
  a.projected = intercept + slope * years_left;
  if (Meets(target, *a.projected, decimals) || (sense != 0 && (*a.projected - goal) * sense >= 0)) {
    a.status = AttainmentStatus::kOnTrack;
    return a;
  }
  if (sense == 0) {
    a.status = AttainmentStatus::kOffTrack;
    return a;
  }
  // How much of the remaining gap the trend covers by the target date.
  const double remaining = (goal - last.value) * sense;
  const double covered = (*a.projected - last.value) * sense;
  a.status = remaining > 0 && covered >= 0.5 * remaining ? AttainmentStatus::kAtRisk : AttainmentStatus::kOffTrack;
  return a;
}

std::vector<Observation> NationalObservations(const Indicator& ind, const RollupEngine& rollups, Date as_of,
                                              bool approved_only) {
  std::map<int, Observation> by_year;
  for (const Target& t : ind.targets)
    if (t.kind == TargetKind::kBaseline && t.year)
      by_year[t.year] = Observation{MakeDate(t.year, 12, 31), t.value, t.estimated};
  int first = YearOf(as_of) - 10;
  for (const auto& [year, o] : by_year) first = std::min(first, year);
  RollupOptions opt;
  opt.approved_only = approved_only;
  for (int year = first; year <= YearOf(as_of); ++year) {
    auto r = rollups.Rollup(ind.code, "", Period{PeriodType::kYear, year, 1}, opt);
    if (r.ok() && r->value) by_year[year] = Observation{MakeDate(year, 12, 31), *r->value, r->estimated};
  }
  std::vector<Observation> out;
  for (auto& [year, o] : by_year) out.push_back(o);
  return out;
}

}  // namespace dxgov
