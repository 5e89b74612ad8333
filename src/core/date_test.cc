#include "core/date.h"

#include <gtest/gtest.h>

namespace dxgov {
namespace {

TEST(DateTest, ParsesOnlyRealIsoDates) {
  EXPECT_EQ(ParseIsoDate("2024-02-29"), MakeDate(2024, 2, 29));
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));
  EXPECT_FALSE(ParseIsoDate("2022-13-01"));
  EXPECT_FALSE(ParseIsoDate("2022-3-1"));
  EXPECT_FALSE(ParseIsoDate("15/03/2022"));
  EXPECT_FALSE(ParseIsoDate(""));
}

TEST(DateTest, FormatsIsoAndVietnamese) {
  EXPECT_EQ(FormatIso(MakeDate(2022, 3, 15)), "2022-03-15");
  EXPECT_EQ(FormatVi(MakeDate(2022, 3, 5)), "05/03/2022");
}

TEST(DateTest, MonthEnds) {
  EXPECT_EQ(LastDayOfMonth(2024, 2), MakeDate(2024, 2, 29));
  EXPECT_EQ(LastDayOfMonth(2100, 2), MakeDate(2100, 2, 28));  // not a leap year
  EXPECT_EQ(LastDayOfMonth(2000, 2), MakeDate(2000, 2, 29));
  EXPECT_EQ(LastDayOfMonth(2022, 4), MakeDate(2022, 4, 30));
  EXPECT_EQ(LastDayOfMonth(2022, 12), MakeDate(2022, 12, 31));
}

TEST(DateTest, VietnamDateIsUtcPlusSeven) {
  using namespace std::chrono;
  // 2022-06-30 17:00 UTC is already 1 July in Hà Nội.
  const auto t = sys_days{MakeDate(2022, 6, 30)} + hours{17};
  EXPECT_EQ(VietnamDate(t), MakeDate(2022, 7, 1));
  EXPECT_EQ(VietnamDate(t - minutes{1}), MakeDate(2022, 6, 30));
}

TEST(DateTest, DayArithmetic) {
  EXPECT_EQ(DaysBetween(MakeDate(2022, 2, 27), MakeDate(2022, 3, 1)), 2);
  EXPECT_EQ(DaysBetween(MakeDate(2024, 2, 27), MakeDate(2024, 3, 1)), 3);
  EXPECT_EQ(AddDays(MakeDate(2022, 12, 31), 1), MakeDate(2023, 1, 1));
}

}  // namespace
}  // namespace dxgov

namespace dxgov {
namespace {

TEST(DateTest, TimestampsAreUtcWithMillisecondsAndCompareAsText) {
  const auto t = std::chrono::sys_days{MakeDate(2026, 11, 23)} + std::chrono::hours{3} + std::chrono::milliseconds{7};
  EXPECT_EQ(FormatIsoTimestamp(t), "2026-11-23T03:00:00.007Z");
  EXPECT_LT(FormatIsoTimestamp(t), FormatIsoTimestamp(t + std::chrono::milliseconds{1}));
  EXPECT_EQ(FormatIsoTimestamp(std::chrono::sys_days{MakeDate(1999, 12, 31)} + std::chrono::seconds{86399}),
            "1999-12-31T23:59:59.000Z");
}

}  // namespace
}  // namespace dxgov

namespace dxgov {
namespace {

TEST(VietnamDateOfTest, StoredUtcTimestampsFallOnVietnamDays) {
  EXPECT_EQ(VietnamDateOf("2022-10-15T16:59:59.999Z"), MakeDate(2022, 10, 15));
  EXPECT_EQ(VietnamDateOf("2022-10-15T17:00:00.000Z"), MakeDate(2022, 10, 16));
  EXPECT_EQ(VietnamDateOf("2022-12-31T23:00:00.000Z"), MakeDate(2023, 1, 1));
  EXPECT_EQ(VietnamDateOf("2022-10-15"), std::nullopt);
  EXPECT_EQ(VietnamDateOf("2022-10-15T24:00:00Z"), std::nullopt);
  EXPECT_EQ(VietnamDateOf(""), std::nullopt);
}

}  // namespace
}  // namespace dxgov
