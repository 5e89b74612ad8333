#include "core/indicator.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

std::vector<std::pair<std::string, std::string>> Fields(const Status& s) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!s.ok())
    for (const auto& f : s.error().fields()) out.emplace_back(f.path, f.reason);
  return out;
}

Indicator Smartphones() {
  Indicator i;
  i.code = "HTS-01";
  i.name = "Tỷ lệ người dân có điện thoại thông minh";
  i.unit_of_measure = std::string("%");  // not a 1-char literal: GCC 12 -Wrestrict false positive
  i.value_type = ValueType::kPercentage;
  i.period_type = PeriodType::kQuarter;
  i.across_units = Aggregation::kWeightedMean;
  i.over_time = Aggregation::kLatest;
  i.weight_code = "DS-01";
  i.reporting_kinds = {UnitKind::kProvince, UnitKind::kCity};
  return i;
}

TEST(IndicatorTest, AValidDefinitionPasses) { EXPECT_TRUE(ValidateIndicator(Smartphones()).ok()); }

TEST(IndicatorTest, RuleCombinationsAreChecked) {
  Indicator i = Smartphones();
  i.weight_code.clear();
  EXPECT_EQ(Fields(ValidateIndicator(i)),
            (std::vector<std::pair<std::string, std::string>>{{"/aggregation/weight", "required for weighted_mean"}}));

  Indicator r = Smartphones();
  r.across_units = Aggregation::kRatio;
  r.over_time = Aggregation::kRatio;
  r.weight_code.clear();
  r.numerator_code = "HS-ONLINE";
  EXPECT_EQ(Fields(ValidateIndicator(r)),
            (std::vector<std::pair<std::string, std::string>>{
                {"/aggregation/denominator", "required for ratio"},
                {"/reported_by", "a ratio is derived from its numerator and denominator; nobody reports it"}}));

  Indicator l = Smartphones();
  l.across_units = Aggregation::kLatest;
  l.weight_code.clear();
  l.code = "bad code";
  l.max_value = -1;
  EXPECT_EQ(Fields(ValidateIndicator(l)),
            (std::vector<std::pair<std::string, std::string>>{
                {"/code", "2..32 of A-Z, 0-9, '-', '.'"},
                {"/aggregation/across_units", "latest is a rule over time, not across units"},
                {"/range", "min above max"}}));
}

TEST(IndicatorTest, ValuesAreCheckedAgainstTheDefinitionAndTheRegistry) {
  auto reg = testing_units::SmallRegistryPtr();
  const Indicator ind = Smartphones();
  const Date today = MakeDate(2025, 11, 20);
  DataValue v;
  v.indicator = ind.code;
  v.unit_id = "tinh-ha-giang";
  v.period = *ParsePeriod("2025-Q2");
  v.value = 85.5;
  EXPECT_TRUE(ValidateValue(ind, v, *reg, today).ok());

  // After the merger the successor reports; the predecessor cannot report a period that
  // ends after it ceased.
  v.period = *ParsePeriod("2025-Q3");
  EXPECT_EQ(Fields(ValidateValue(ind, v, *reg, today)),
            (std::vector<std::pair<std::string, std::string>>{
                {"/unit", "'tinh-ha-giang' did not exist on 2025-09-30, the end of 2025-Q3"}}));
  v.unit_id = "tinh-tuyen-quang-2025";
  EXPECT_TRUE(ValidateValue(ind, v, *reg, today).ok());

  v.period = *ParsePeriod("2026-Q1");
  v.value = 100.5;
  v.unit_id = "bo-khcn";
  EXPECT_EQ(Fields(ValidateValue(ind, v, *reg, today)),
            (std::vector<std::pair<std::string, std::string>>{
                {"/period", "has not begun yet"},
                {"/unit", "units of this kind do not report 'HTS-01'"},
                {"/value", "out of range 0..100"}}));

  v = DataValue{};
  v.indicator = ind.code;
  v.period = *ParsePeriod("2025-03");
  v.value = 1;
  EXPECT_EQ(Fields(ValidateValue(ind, v, *reg, today)),
            (std::vector<std::pair<std::string, std::string>>{
                {"/period", "'HTS-01' is reported per quarter, not per month"},
                {"/unit", "'HTS-01' is not reported for the country as a whole"}}));
}

TEST(IndicatorTest, CountsAreWholeAndDerivedRatiosAreNeverReported) {
  auto reg = testing_units::SmallRegistryPtr();
  Indicator files;
  files.code = "HS-ALL";
  files.name = "Tổng số hồ sơ";
  files.value_type = ValueType::kCount;
  files.period_type = PeriodType::kMonth;
  files.over_time = Aggregation::kSum;
  files.reporting_kinds = {UnitKind::kProvince};
  DataValue v;
  v.indicator = files.code;
  v.unit_id = "tinh-ha-giang";
  v.period = *ParsePeriod("2024-05");
  v.value = 10.5;
  EXPECT_EQ(Fields(ValidateValue(files, v, *reg, MakeDate(2025, 1, 1))),
            (std::vector<std::pair<std::string, std::string>>{{"/value", "a count is a whole number"}}));

  Indicator ratio;
  ratio.code = "HS-RATE";
  ratio.name = "Tỷ lệ hồ sơ trực tuyến";
  ratio.across_units = ratio.over_time = Aggregation::kRatio;
  ratio.numerator_code = "HS-ONLINE";
  ratio.denominator_code = "HS-ALL";
  ratio.period_type = PeriodType::kMonth;
  ASSERT_TRUE(ValidateIndicator(ratio).ok());
  v.indicator = ratio.code;
  v.value = 10;
  EXPECT_EQ(Fields(ValidateValue(ratio, v, *reg, MakeDate(2025, 1, 1))),
            (std::vector<std::pair<std::string, std::string>>{
                {"/indicator", "'HS-RATE' is computed from HS-ONLINE / HS-ALL; report those"}}));
}

}  // namespace
}  // namespace dxgov
