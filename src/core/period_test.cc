#include "core/period.h"

#include <gtest/gtest.h>

namespace dxgov {
namespace {

TEST(PeriodTest, ParsesAndFormatsTheThreeForms) {
  for (const char* s : {"2022-03", "2022-Q1", "2022", "1999-12", "2025-Q4"}) {
    auto p = ParsePeriod(s);
    ASSERT_TRUE(p) << s;
    EXPECT_EQ(FormatPeriod(*p), s);
  }
  EXPECT_EQ(ParsePeriod("2022-q3"), (Period{PeriodType::kQuarter, 2022, 3}));
  EXPECT_EQ(ParsePeriod("2022-3"), std::nullopt);
  for (const char* bad : {"", "22", "2022-13", "2022-00", "2022-Q5", "2022-Q0", "2022/03", "2022-03-01", "20220",
                          "+022", "1899", "2201", "2022-Q", "2022-"})
    EXPECT_EQ(ParsePeriod(bad), std::nullopt) << bad;
}

TEST(PeriodTest, ReadsTheFormsOfficesWrite) {
  EXPECT_EQ(ParsePeriodVi("Tháng 3/2022"), (Period{PeriodType::kMonth, 2022, 3}));
  EXPECT_EQ(ParsePeriodVi("03/2022"), (Period{PeriodType::kMonth, 2022, 3}));
  EXPECT_EQ(ParsePeriodVi("tháng 12 / 2024"), (Period{PeriodType::kMonth, 2024, 12}));
  EXPECT_EQ(ParsePeriodVi("Quý III/2022"), (Period{PeriodType::kQuarter, 2022, 3}));
  EXPECT_EQ(ParsePeriodVi("QUÝ 4/2022"), (Period{PeriodType::kQuarter, 2022, 4}));
  EXPECT_EQ(ParsePeriodVi("Q1/2023"), (Period{PeriodType::kQuarter, 2023, 1}));
  EXPECT_EQ(ParsePeriodVi("Năm 2025"), (Period{PeriodType::kYear, 2025, 1}));
  EXPECT_EQ(ParsePeriodVi("2022-Q2"), (Period{PeriodType::kQuarter, 2022, 2}));
  for (const char* bad : {"Quý V/2022", "13/2022", "Tháng 0/2022", "3/22", "Năm 22", "quý/2022", "2022/3", ""})
    EXPECT_EQ(ParsePeriodVi(bad), std::nullopt) << bad;
}

TEST(PeriodTest, VietnameseLabels) {
  EXPECT_EQ(FormatPeriodVi(*ParsePeriod("2022-03")), "Tháng 3/2022");
  EXPECT_EQ(FormatPeriodVi(*ParsePeriod("2022-Q3")), "Quý III/2022");
  EXPECT_EQ(FormatPeriodVi(*ParsePeriod("2025")), "Năm 2025");
}

TEST(PeriodTest, DaysContainmentAndSubperiods) {
  const Period q2{PeriodType::kQuarter, 2025, 2};
  EXPECT_EQ(FirstDay(q2), MakeDate(2025, 4, 1));
  EXPECT_EQ(LastDay(q2), MakeDate(2025, 6, 30));
  EXPECT_EQ(LastDay(Period{PeriodType::kMonth, 2024, 2}), MakeDate(2024, 2, 29));
  EXPECT_EQ(PeriodOf(MakeDate(2025, 7, 1), PeriodType::kQuarter), (Period{PeriodType::kQuarter, 2025, 3}));
  EXPECT_TRUE(Contains(q2, Period{PeriodType::kMonth, 2025, 6}));
  EXPECT_FALSE(Contains(q2, Period{PeriodType::kMonth, 2025, 7}));
  EXPECT_FALSE(Contains(q2, Period{PeriodType::kYear, 2025, 1}));
  EXPECT_TRUE(Contains(q2, q2));
  auto months = Subperiods(Period{PeriodType::kYear, 2022, 1}, PeriodType::kMonth);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(FormatPeriod(months.front()), "2022-01");
  EXPECT_EQ(FormatPeriod(months.back()), "2022-12");
  EXPECT_TRUE(Subperiods(Period{PeriodType::kMonth, 2022, 1}, PeriodType::kYear).empty());
  EXPECT_EQ(PeriodsPer(PeriodType::kYear, PeriodType::kQuarter), 4);
  EXPECT_EQ(PeriodsPer(PeriodType::kMonth, PeriodType::kQuarter), 0);
}

TEST(PeriodTest, OrdinalsStepAcrossYears) {
  const Period dec{PeriodType::kMonth, 2024, 12};
  EXPECT_EQ(Next(dec), (Period{PeriodType::kMonth, 2025, 1}));
  EXPECT_EQ(Ordinal(Next(dec)) - Ordinal(dec), 1);
  EXPECT_EQ(FromOrdinal(PeriodType::kQuarter, Ordinal(Period{PeriodType::kQuarter, 2022, 4})),
            (Period{PeriodType::kQuarter, 2022, 4}));
  EXPECT_TRUE(Period({PeriodType::kMonth, 2022, 1}) < Period({PeriodType::kQuarter, 2022, 1}));
  EXPECT_TRUE(Period({PeriodType::kYear, 2021, 1}) < Period({PeriodType::kMonth, 2022, 1}));
}

}  // namespace
}  // namespace dxgov
