// Rollups over the small registry: two provinces that merge on 2025-07-01, a province that
// becomes a city, and two communes of the merged province. Every figure below is worked
// out by hand from the values put.
#include "core/rollup.h"

#include <gtest/gtest.h>

#include <optional>

#include "core/test_units.h"

namespace dxgov {
namespace {

using testing_units::Simple;

Indicator Def(std::string code, Aggregation across, Aggregation over_time, PeriodType type,
              std::vector<UnitKind> kinds = {UnitKind::kProvince, UnitKind::kCity}) {
  Indicator i;
  i.code = std::move(code);
  i.name = "Chỉ tiêu " + i.code;
  i.across_units = across;
  i.over_time = over_time;
  i.period_type = type;
  i.reporting_kinds = std::move(kinds);
  return i;
}

class RollupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto units = testing_units::SmallRegistry();
    Unit xa2 = Simple("xa-2025-00002", "Xã Bình An", UnitKind::kCommune, MakeDate(2025, 7, 1));
    xa2.versions[0].parent_id = "tinh-tuyen-quang-2025";
    units.push_back(xa2);
    engine_.SetRegistry(UnitRegistry::Create(std::move(units)).value());
    const auto M = PeriodType::kMonth, Y = PeriodType::kYear;
    using A = Aggregation;
    std::vector<Indicator> defs = {
        Def("FILES", A::kSum, A::kSum, M),
        Def("ONLINE", A::kSum, A::kSum, M),
        Def("RATE", A::kRatio, A::kRatio, M, {}),
        Def("POP", A::kSum, A::kLatest, Y),
        Def("PHONE", A::kWeightedMean, A::kLatest, M),
        Def("SCORE", A::kMean, A::kMean, M),
        Def("HIGH", A::kMax, A::kMax, M),
        Def("LOW", A::kMin, A::kMin, M),
        Def("XA", A::kSum, A::kSum, M, {UnitKind::kCommune}),
        Def("GDP", A::kSum, A::kLatest, Y, {}),
    };
    defs[2].numerator_code = "ONLINE";
    defs[2].denominator_code = "FILES";
    defs[4].weight_code = "POP";
    defs[9].national = true;
    for (const auto& d : defs) ASSERT_TRUE(ValidateIndicator(d).ok()) << d.code;
    engine_.SetIndicators(defs);
  }

  void Put(const std::string& code, const std::string& unit, const std::string& period, double v,
           ValueStatus status = ValueStatus::kSubmitted, bool estimated = false) {
    DataValue d;
    d.indicator = code;
    d.unit_id = unit;
    d.period = *ParsePeriod(period);
    d.value = v;
    d.status = status;
    d.estimated = estimated;
    engine_.Put(d);
  }

  RollupResult Get(const std::string& code, const std::string& unit, const std::string& period,
                   RollupOptions o = {}) {
    o.list_missing = true;
    auto r = engine_.Rollup(code, unit, *ParsePeriod(period), o);
    EXPECT_TRUE(r.ok()) << code << " " << unit << " " << period << ": " << (r.ok() ? "" : r.error().message_en());
    return r.ok() ? *r : RollupResult{};
  }

  // As a dashboard asks: without the missing list, so the engine may answer from memory.
  std::optional<double> Value(const std::string& code, const std::string& unit, const std::string& period,
                              RollupOptions o = {}) {
    auto r = engine_.Rollup(code, unit, *ParsePeriod(period), o);
    EXPECT_TRUE(r.ok()) << code << " " << unit << " " << period;
    return r.ok() ? r->value : std::nullopt;
  }

  RollupEngine engine_;
};

// A remembered rollup is never stale: any figure of the indicator, of a ratio's numerator or
// denominator, or of a weight changes the next answer; so do drafts, approval, removal and a
// redefinition.
TEST_F(RollupTest, RememberedRollupsFollowEveryChange) {
  Put("FILES", "tinh-ha-giang", "2024-07", 100);
  Put("ONLINE", "tinh-ha-giang", "2024-07", 30);
  EXPECT_EQ(Value("FILES", "", "2024"), 100);
  EXPECT_EQ(Value("FILES", "", "2024"), 100) << "asked twice";
  Put("FILES", "tinh-tuyen-quang", "2024-08", 20);
  EXPECT_EQ(Value("FILES", "", "2024"), 120);
  EXPECT_EQ(Value("RATE", "", "2024-07"), 30);
  Put("FILES", "tinh-ha-giang", "2024-07", 60);  // the denominator
  EXPECT_EQ(Value("RATE", "", "2024-07"), 50);
  Put("ONLINE", "tinh-ha-giang", "2024-07", 45);  // the numerator
  EXPECT_EQ(Value("RATE", "", "2024-07"), 75);

  Put("POP", "tinh-ha-giang", "2024", 900);
  Put("POP", "tinh-tuyen-quang", "2024", 100);
  Put("PHONE", "tinh-ha-giang", "2024-03", 50);
  Put("PHONE", "tinh-tuyen-quang", "2024-03", 90);
  EXPECT_DOUBLE_EQ(*Value("PHONE", "", "2024-03"), (50.0 * 900 + 90.0 * 100) / 1000);
  Put("POP", "tinh-tuyen-quang", "2024", 900);  // only the weight changes
  EXPECT_DOUBLE_EQ(*Value("PHONE", "", "2024-03"), 70);

  RollupOptions approved;
  approved.approved_only = true;
  EXPECT_EQ(Value("FILES", "", "2024", approved), std::nullopt);
  Put("FILES", "tinh-tuyen-quang", "2024-08", 20, ValueStatus::kApproved);
  EXPECT_EQ(Value("FILES", "", "2024", approved), 20);
  EXPECT_EQ(Value("FILES", "", "2024"), 80);
  Put("FILES", "tinh-tuyen-quang", "2024-08", 20, ValueStatus::kDraft);  // back to a draft: gone
  EXPECT_EQ(Value("FILES", "", "2024"), 60);
  engine_.Remove("FILES", "tinh-ha-giang", *ParsePeriod("2024-07"));
  EXPECT_EQ(Value("FILES", "", "2024"), std::nullopt);
  EXPECT_EQ(Value("FILES", "tinh-ha-giang", "2024-07"), std::nullopt);

  // Redefining keeps figures; a mean of the same figures answers differently at once.
  Put("SCORE", "tinh-ha-giang", "2024-07", 4);
  Put("SCORE", "tinh-tuyen-quang", "2024-07", 8);
  EXPECT_EQ(Value("SCORE", "", "2024-07"), 6);
  std::vector<Indicator> defs = {Def("SCORE", Aggregation::kSum, Aggregation::kSum, PeriodType::kMonth)};
  engine_.SetIndicators(defs);
  EXPECT_EQ(Value("SCORE", "", "2024-07"), 12);
}

TEST_F(RollupTest, SumAcrossProvincesWithCompleteness) {
  Put("FILES", "tinh-ha-giang", "2024-05", 10);
  Put("FILES", "tinh-tuyen-quang", "2024-05", 20);
  auto r = Get("FILES", "", "2024-05");
  EXPECT_EQ(r.value, 30);
  EXPECT_FALSE(r.own);
  EXPECT_EQ(r.parts, 2);
  EXPECT_EQ(r.expected, 3) << "Hà Giang, Tuyên Quang and Thừa Thiên Huế existed in May 2024";
  EXPECT_EQ(r.reported, 2);
  EXPECT_EQ(r.missing, std::vector<std::string>{"tinh-thua-thien-hue"});
  auto hg = Get("FILES", "tinh-ha-giang", "2024-05");
  EXPECT_EQ(hg.value, 10);
  EXPECT_TRUE(hg.own);
  EXPECT_EQ(hg.expected, 1);
  EXPECT_EQ(hg.reported, 1);
}

TEST_F(RollupTest, SumFollowsTheMergerBothWays) {
  for (int m = 1; m <= 6; ++m) {
    Put("FILES", "tinh-ha-giang", "2025-0" + std::to_string(m), 1);
    Put("FILES", "tinh-tuyen-quang", "2025-0" + std::to_string(m), 2);
  }
  for (int m = 7; m <= 12; ++m) Put("FILES", "tinh-tuyen-quang-2025", (m < 10 ? "2025-0" : "2025-") + std::to_string(m), 5);
  // The new province's 2025: its own July–December plus its predecessors' January–June.
  auto year = Get("FILES", "tinh-tuyen-quang-2025", "2025");
  EXPECT_EQ(year.value, 6 * 5 + 6 * (1 + 2));
  EXPECT_TRUE(year.own);
  auto nation = Get("FILES", "", "2025");
  EXPECT_EQ(nation.value, 48);
  EXPECT_EQ(nation.expected, 2) << "34-style: the merged province and the city of Huế at the end of 2025";
  EXPECT_EQ(nation.missing, std::vector<std::string>{"tinh-thua-thien-hue"});
  // A quarter before the merger is the old provinces'.
  EXPECT_EQ(Get("FILES", "", "2025-Q2").value, 9);
  EXPECT_EQ(Get("FILES", "", "2025-Q2").expected, 3);
  // The new province asked for a month before it existed: its predecessors then.
  Put("FILES", "tinh-ha-giang", "2024-06", 10);
  Put("FILES", "tinh-tuyen-quang", "2024-06", 20);
  auto before = Get("FILES", "tinh-tuyen-quang-2025", "2024-06");
  EXPECT_EQ(before.value, 30);
  EXPECT_EQ(before.expected, 2);
  EXPECT_EQ(before.reported, 2);
}

TEST_F(RollupTest, MeansAreNotComparableAcrossTheMerger) {
  Put("SCORE", "tinh-ha-giang", "2024-06", 4);
  Put("SCORE", "tinh-tuyen-quang", "2024-06", 8);
  auto r = Get("SCORE", "tinh-tuyen-quang-2025", "2024-06");
  EXPECT_FALSE(r.comparable);
  EXPECT_FALSE(r.value.has_value());
  EXPECT_EQ(Get("SCORE", "", "2024-06").value, 6);
  // Over time a mean of months; the predecessors' months do not stand in.
  Put("SCORE", "tinh-tuyen-quang-2025", "2025-07", 3);
  Put("SCORE", "tinh-tuyen-quang-2025", "2025-08", 5);
  Put("SCORE", "tinh-ha-giang", "2025-01", 100);
  EXPECT_EQ(Get("SCORE", "tinh-tuyen-quang-2025", "2025").value, 4);
}

TEST_F(RollupTest, RatioDividesSumsNotMeansOfRatios) {
  Put("FILES", "tinh-ha-giang", "2024-07", 100);
  Put("ONLINE", "tinh-ha-giang", "2024-07", 30);
  Put("FILES", "tinh-tuyen-quang", "2024-07", 20);
  Put("ONLINE", "tinh-tuyen-quang", "2024-07", 10);
  Put("FILES", "tinh-thua-thien-hue", "2024-07", 50);  // no numerator: not a part
  auto r = Get("RATE", "", "2024-07");
  ASSERT_TRUE(r.value);
  EXPECT_DOUBLE_EQ(*r.value, 100.0 * 40 / 120);
  EXPECT_EQ(r.parts, 2);
  EXPECT_EQ(r.reported, 2);
  EXPECT_EQ(r.missing, std::vector<std::string>{"tinh-thua-thien-hue"});
  EXPECT_DOUBLE_EQ(*Get("RATE", "tinh-ha-giang", "2024-07").value, 30);
  // Over a quarter: numerators and denominators summed over the months first.
  Put("FILES", "tinh-ha-giang", "2024-08", 100);
  Put("ONLINE", "tinh-ha-giang", "2024-08", 70);
  EXPECT_DOUBLE_EQ(*Get("RATE", "tinh-ha-giang", "2024-Q3").value, 50);
}

TEST_F(RollupTest, WeightedMeanByPopulation) {
  Put("POP", "tinh-ha-giang", "2024", 900);
  Put("POP", "tinh-tuyen-quang", "2024", 100);
  Put("PHONE", "tinh-ha-giang", "2024-01", 40);
  Put("PHONE", "tinh-ha-giang", "2024-03", 50);
  Put("PHONE", "tinh-tuyen-quang", "2024-02", 90);
  EXPECT_DOUBLE_EQ(*Get("PHONE", "", "2024-03").value, 50) << "only Hà Giang reported in March";
  // The quarter takes each province's latest month, then weighs by population.
  EXPECT_DOUBLE_EQ(*Get("PHONE", "", "2024-Q1").value, (50.0 * 900 + 90.0 * 100) / 1000);
  // A later month with no 2025 population yet uses the 2024 figure.
  Put("PHONE", "tinh-ha-giang", "2025-02", 60);
  Put("PHONE", "tinh-tuyen-quang", "2025-02", 100);
  EXPECT_DOUBLE_EQ(*Get("PHONE", "", "2025-02").value, (60.0 * 900 + 100.0 * 100) / 1000);
  // Population itself sums across units and takes the latest year.
  EXPECT_EQ(Get("POP", "", "2024").value, 1000);
}

TEST_F(RollupTest, MinAndMax) {
  Put("HIGH", "tinh-ha-giang", "2024-01", 3);
  Put("HIGH", "tinh-ha-giang", "2024-02", 9);
  Put("HIGH", "tinh-tuyen-quang", "2024-01", 7);
  Put("LOW", "tinh-ha-giang", "2024-01", 3);
  Put("LOW", "tinh-ha-giang", "2024-02", 9);
  Put("LOW", "tinh-tuyen-quang", "2024-01", 7);
  EXPECT_EQ(Get("HIGH", "", "2024-Q1").value, 9);
  EXPECT_EQ(Get("LOW", "", "2024-Q1").value, 3);
  EXPECT_EQ(Get("HIGH", "", "2024-01").value, 7);
}

TEST_F(RollupTest, CommunesRollUpToTheirProvince) {
  Put("XA", "xa-2025-00001", "2025-08", 3);
  Put("XA", "xa-2025-00002", "2025-08", 4);
  auto p = Get("XA", "tinh-tuyen-quang-2025", "2025-08");
  EXPECT_EQ(p.value, 7);
  EXPECT_FALSE(p.own);
  EXPECT_EQ(p.expected, 2);
  EXPECT_EQ(p.reported, 2);
  engine_.Remove("XA", "xa-2025-00002", *ParsePeriod("2025-08"));
  auto n = Get("XA", "", "2025-08");
  EXPECT_EQ(n.value, 3);
  EXPECT_EQ(n.expected, 2);
  EXPECT_EQ(n.missing, std::vector<std::string>{"xa-2025-00002"});
  EXPECT_EQ(engine_.size(), 1u);
}

TEST_F(RollupTest, DraftsNeverCountAndApprovedOnlyLeavesOutSubmitted) {
  Put("FILES", "tinh-ha-giang", "2024-05", 10, ValueStatus::kApproved);
  Put("FILES", "tinh-tuyen-quang", "2024-05", 20, ValueStatus::kSubmitted);
  Put("FILES", "tinh-thua-thien-hue", "2024-05", 40, ValueStatus::kDraft);
  EXPECT_EQ(Get("FILES", "", "2024-05").value, 30);
  RollupOptions approved;
  approved.approved_only = true;
  EXPECT_EQ(Get("FILES", "", "2024-05", approved).value, 10);
  // A figure sent back to draft leaves the rollup.
  Put("FILES", "tinh-ha-giang", "2024-05", 10, ValueStatus::kDraft);
  EXPECT_EQ(Get("FILES", "", "2024-05").value, 20);
  EXPECT_EQ(engine_.size(), 1u);
}

TEST_F(RollupTest, NationalFiguresAndEstimates) {
  Put("GDP", "", "2022", 11.5, ValueStatus::kSubmitted, true);
  auto r = Get("GDP", "", "2022");
  EXPECT_EQ(r.value, 11.5);
  EXPECT_TRUE(r.own);
  EXPECT_TRUE(r.estimated);
  EXPECT_EQ(r.expected, 1);
  EXPECT_EQ(r.reported, 1);
  auto none = Get("GDP", "", "2023");
  EXPECT_FALSE(none.value.has_value());
  EXPECT_EQ(none.missing, std::vector<std::string>{""});
}

TEST_F(RollupTest, ErrorsNameTheField) {
  auto shorter = engine_.Rollup("POP", "", *ParsePeriod("2024-03"));
  ASSERT_FALSE(shorter.ok());
  EXPECT_EQ(shorter.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(shorter.error().fields().at(0).path, "/period");
  auto unknown = engine_.Rollup("NOPE", "", *ParsePeriod("2024"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().fields().at(0).path, "/indicator");
  auto unit = engine_.Rollup("FILES", "tinh-khong-co", *ParsePeriod("2024"));
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.error().code(), ErrorCode::kNotFound);
}

TEST_F(RollupTest, RedefiningIndicatorsKeepsTheirFigures) {
  Put("FILES", "tinh-ha-giang", "2024-05", 10);
  Put("SCORE", "tinh-ha-giang", "2024-05", 1);
  engine_.SetIndicators({Def("SCORE", Aggregation::kMean, Aggregation::kMean, PeriodType::kMonth),
                         Def("FILES", Aggregation::kSum, Aggregation::kSum, PeriodType::kMonth)});
  EXPECT_EQ(Get("FILES", "", "2024-05").value, 10);
  EXPECT_EQ(Get("SCORE", "", "2024-05").value, 1);
  EXPECT_EQ(engine_.size(), 2u);
}

}  // namespace
}  // namespace dxgov
