// Attainment on constructed series: each case builds figures whose trend is known, so the
// expected status follows from the documented method.
#include "core/attainment.h"

#include <gtest/gtest.h>

namespace dxgov {
namespace {

Target Ge(double v, int year) {
  Target t;
  t.value = v;
  t.unit = std::string("%");  // not a 1-char literal: GCC 12 -Wrestrict false positive
  t.year = year;
  return t;
}

std::vector<Observation> Yearly(int first_year, std::vector<double> values) {
  std::vector<Observation> out;
  for (size_t i = 0; i < values.size(); ++i)
    out.push_back({MakeDate(first_year + static_cast<int>(i), 12, 31), values[i], false});
  return out;
}

TEST(AttainmentTest, AchievedOnceTheTargetYearsFigureMeetsIt) {
  auto a = Assess(Ge(85, 2022), Yearly(2020, {72, 75, 86}), MakeDate(2023, 3, 1));
  EXPECT_EQ(a.status, AttainmentStatus::kAchieved);
  EXPECT_EQ(a.latest, 86);
  EXPECT_DOUBLE_EQ(*a.gap, -1);
  EXPECT_DOUBLE_EQ(*a.percent, 100.0 * 86 / 85);
}

TEST(AttainmentTest, MissedWhenTheYearIsOverWithoutIt) {
  auto a = Assess(Ge(85, 2022), Yearly(2020, {72, 75, 80}), MakeDate(2023, 3, 1));
  EXPECT_EQ(a.status, AttainmentStatus::kMissed);
  EXPECT_DOUBLE_EQ(*a.gap, 5);
  // Without a figure for the target year there is no verdict, only the last figure known.
  auto unknown = Assess(Ge(85, 2022), Yearly(2020, {72, 75}), MakeDate(2023, 3, 1));
  EXPECT_EQ(unknown.status, AttainmentStatus::kNoData);
  EXPECT_EQ(unknown.latest, 75);
}

TEST(AttainmentTest, StatusFollowsTheProjectedTrend) {
  const Date as_of = MakeDate(2023, 1, 15);
  // +10 a year from 60 at the end of 2022: 80 at the end of 2024.
  auto on = Assess(Ge(80, 2024), Yearly(2020, {40, 50, 60}), as_of);
  EXPECT_EQ(on.status, AttainmentStatus::kOnTrack);
  EXPECT_NEAR(*on.projected, 80, 0.05);  // days, not years: 2020 and 2024 are leap years
  EXPECT_NEAR(*on.slope_per_year, 10, 0.02);
  // Same trend, target 90: the projection (80) covers 20 of the 30 still missing.
  EXPECT_EQ(Assess(Ge(90, 2024), Yearly(2020, {40, 50, 60}), as_of).status, AttainmentStatus::kAtRisk);
  // Target 110: covers 20 of 50, under half.
  EXPECT_EQ(Assess(Ge(110, 2024), Yearly(2020, {40, 50, 60}), as_of).status, AttainmentStatus::kOffTrack);
  // A falling series never gets there.
  EXPECT_EQ(Assess(Ge(70, 2024), Yearly(2020, {60, 55, 50}), as_of).status, AttainmentStatus::kOffTrack);
}

TEST(AttainmentTest, LowerIsBetterForRanksAndCeilings) {
  Target top = Ge(50, 2025);
  top.comparator = Comparator::kTop;
  top.unit = "rank";
  // UN e-government rank 86 → 81 → 76 → 71: five places a year, 61 by the end of 2025.
  auto a = Assess(top, Yearly(2019, {86, 81, 76, 71}), MakeDate(2023, 2, 1));
  EXPECT_EQ(a.status, AttainmentStatus::kAtRisk) << "the trend gains 15 of the 21 places still needed: over half, short of all; projected "
                                                 << *a.projected;
  Target ceiling = Ge(10, 2024);
  ceiling.comparator = Comparator::kLe;
  EXPECT_EQ(Assess(ceiling, Yearly(2020, {30, 25, 20}), MakeDate(2023, 1, 1)).status, AttainmentStatus::kOnTrack);
}

TEST(AttainmentTest, RangesAndTooLittleData) {
  Target range = Ge(65, 2022);
  range.comparator = Comparator::kRange;
  range.value_to = 70;
  EXPECT_EQ(Assess(range, Yearly(2022, {67}), MakeDate(2023, 1, 1)).status, AttainmentStatus::kAchieved);
  EXPECT_EQ(Assess(Ge(85, 2025), Yearly(2022, {60}), MakeDate(2023, 1, 1)).status,
            AttainmentStatus::kInsufficientData);
  EXPECT_EQ(Assess(Ge(85, 2025), {}, MakeDate(2023, 1, 1)).status, AttainmentStatus::kNoData);
  // Figures after as_of are not known yet.
  EXPECT_EQ(Assess(Ge(85, 2022), Yearly(2022, {90}), MakeDate(2022, 6, 1)).status, AttainmentStatus::kNoData);
}

}  // namespace
}  // namespace dxgov
