#include "core/key_task.h"

#include <gtest/gtest.h>

#include "core/test_status.h"

namespace dxgov {
namespace {

using testing_status::PathsOf;

KeyTask IdentityTask() {
  KeyTask k;
  k.plan_id = 1;
  k.ordinal = 2;
  k.member = "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an";
  k.unit_id = "bo-cong-an";
  k.title = "Phổ cập danh tính số toàn dân";
  k.year = 2022;
  SetRoadmap(k, {{3, "Cấp 10 triệu tài khoản định danh điện tử"},
                 {1, "Hoàn thành ứng dụng VNeID"},
                 {2, "Thí điểm tại Hà Nội"},
                 {4, "Cấp 20 triệu tài khoản"}});
  return k;
}

TEST(KeyTaskTest, ValidatesEveryFieldByPath) {
  EXPECT_TRUE(ValidateKeyTask(IdentityTask()).ok());
  KeyTask k = IdentityTask();
  k.plan_id = 0;
  k.unit_id = "Bộ Công an";
  k.title = "  ";
  k.year = 1999;
  k.roadmap.push_back({13, "x"});
  k.roadmap.push_back({2, ""});
  k.results.push_back({0, "đã làm", Achievement::kMet, "", ""});
  EXPECT_EQ(PathsOf(ValidateKeyTask(k)),
            (std::vector<std::string>{"/plan_id", "/unit", "/title", "/year", "/roadmap/4/month", "/roadmap/5/month",
                                      "/roadmap/5/expected", "/results/0/month"}));
}

TEST(KeyTaskTest, RoadmapAndResultsStaySortedAndAResultIsReplacedNotRepeated) {
  KeyTask k = IdentityTask();
  EXPECT_EQ(k.roadmap.front().month, 1);
  EXPECT_EQ(k.roadmap.back().month, 4);
  SetResult(k, {2, "Chưa xong", Achievement::kNotMet, "bca", "2022-03-03T00:00:00.000Z"});
  SetResult(k, {1, "Xong", Achievement::kMet, "bca", "2022-02-03T00:00:00.000Z"});
  SetResult(k, {2, "Đã xong muộn", Achievement::kPartly, "bca", "2022-03-09T00:00:00.000Z"});
  ASSERT_EQ(k.results.size(), 2u);
  EXPECT_EQ(k.results[0].month, 1);
  EXPECT_EQ(k.results[1].actual, "Đã xong muộn");
}

TEST(KeyTaskTest, SlippageIsAMonthNotMetOrUnreportedAfterTheGraceDays) {
  KeyTask k = IdentityTask();
  SetResult(k, {1, "Xong", Achievement::kMet, "", ""});
  SetResult(k, {2, "Một phần", Achievement::kPartly, "", ""});

  // 3 April: March has ended but its report is still within the 5 grace days.
  RoadmapStanding s = JudgeRoadmap(k, MakeDate(2022, 4, 3));
  ASSERT_EQ(s.months.size(), 4u);
  EXPECT_EQ(s.months[0].state, MonthState::kMet);
  EXPECT_EQ(s.months[1].state, MonthState::kPartly);
  EXPECT_TRUE(s.months[1].slipped);
  EXPECT_EQ(s.months[2].state, MonthState::kAwaiting);
  EXPECT_FALSE(s.months[2].slipped);
  EXPECT_EQ(s.months[3].state, MonthState::kUpcoming);
  EXPECT_EQ(s.due, 3);  // March has ended, though its report may still come
  EXPECT_EQ(s.slipped, 1);
  EXPECT_EQ(s.behind_since, 2);

  // 6 April: March is now unreported, and the slippage runs from February.
  s = JudgeRoadmap(k, MakeDate(2022, 4, 6));
  EXPECT_EQ(s.months[2].state, MonthState::kUnreported);
  EXPECT_EQ(s.due, 3);
  EXPECT_EQ(s.unreported, 1);
  EXPECT_EQ(s.slipped, 2);
  EXPECT_EQ(s.behind_since, 2);

  // A late report that meets the month ends the run.
  SetResult(k, {3, "Đạt 10 triệu", Achievement::kMet, "", ""});
  s = JudgeRoadmap(k, MakeDate(2022, 4, 6));
  EXPECT_EQ(s.met, 2);
  EXPECT_EQ(s.slipped, 1);
  EXPECT_EQ(s.behind_since, 0);

  // A result for a month with no expectation is shown but never counts as slippage.
  SetResult(k, {6, "Thêm", Achievement::kNotMet, "", ""});
  s = JudgeRoadmap(k, MakeDate(2022, 7, 20));
  EXPECT_EQ(s.months.back().month, 6);
  EXPECT_FALSE(s.months.back().slipped);
  EXPECT_EQ(s.unreported, 1);  // April
}

TEST(KeyTaskTest, NoRoadmapMeansNothingIsDueYet) {
  KeyTask k = IdentityTask();
  k.roadmap.clear();
  const RoadmapStanding s = JudgeRoadmap(k, MakeDate(2022, 12, 31));
  EXPECT_FALSE(s.has_roadmap);
  EXPECT_EQ(s.due, 0);
  EXPECT_TRUE(s.months.empty());
  EXPECT_EQ(ParseAchievement("partly"), Achievement::kPartly);
  EXPECT_EQ(ParseAchievement("đạt"), std::nullopt);
}

}  // namespace
}  // namespace dxgov
