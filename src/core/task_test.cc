#include "core/task.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/test_status.h"

namespace dxgov {
namespace {

Task Valid() {
  Task t;
  t.plan_id = 1;
  t.title = "Triển khai";
  t.lead.unit_id = "bo-tttt";
  return t;
}

using testing_status::PathsOf;

TEST(ValidateTaskTest, AcceptsAMinimalTask) { EXPECT_TRUE(ValidateTask(Valid()).ok()); }

TEST(ValidateTaskTest, NamesEveryBadField) {
  Task t = Valid();
  t.title = "   ";
  t.lead.unit_id.clear();
  t.progress_percent = 101;
  EXPECT_EQ(PathsOf(ValidateTask(t)), (std::vector<std::string>{"/title", "/lead/unit", "/progress_percent"}));
}

TEST(ValidateTaskTest, DoneNeedsACompletionDateAndOnlyDoneHasOne) {
  Task t = Valid();
  t.status = TaskStatus::kDone;
  EXPECT_EQ(PathsOf(ValidateTask(t)), (std::vector<std::string>{"/completed_on"}));
  t.completed_on = MakeDate(2022, 6, 1);
  EXPECT_TRUE(ValidateTask(t).ok());
  t.status = TaskStatus::kInProgress;
  EXPECT_EQ(PathsOf(ValidateTask(t)), (std::vector<std::string>{"/completed_on"}));
}

TEST(ValidateTaskTest, LeadCannotAlsoCoordinate) {
  Task t = Valid();
  t.coordinators = {{"bo-y-te", ""}, {"bo-tttt", ""}};
  EXPECT_EQ(PathsOf(ValidateTask(t)), (std::vector<std::string>{"/coordinators/1/unit"}));
}

TEST(ValidateTaskTest, ChecksDeadlineFields) {
  Task t = Valid();
  Deadline d;
  d.kind = DeadlineKind::kMonth;
  d.year = 2022;
  d.month = 13;
  t.deadline = d;
  EXPECT_EQ(PathsOf(ValidateTask(t)), (std::vector<std::string>{"/deadline/month"}));
}

TEST(ProgressTest, PercentStartsWorkAndDoneCompletes) {
  TaskStatus status = TaskStatus::kNotStarted;
  std::optional<Date> done;
  int percent = 0;
  ProgressEntry p;
  p.percent = 40;
  ApplyProgress(p, MakeDate(2022, 5, 1), status, done, percent);
  EXPECT_EQ(status, TaskStatus::kInProgress);
  EXPECT_EQ(percent, 40);
  ProgressEntry finish;
  finish.status = TaskStatus::kDone;
  ApplyProgress(finish, MakeDate(2022, 5, 20), status, done, percent);
  EXPECT_EQ(status, TaskStatus::kDone);
  EXPECT_EQ(done, MakeDate(2022, 5, 20));
  EXPECT_EQ(percent, 100);
  ProgressEntry reopen;
  reopen.status = TaskStatus::kInProgress;
  ApplyProgress(reopen, MakeDate(2022, 6, 1), status, done, percent);
  EXPECT_FALSE(done);
}

TEST(ProgressTest, ValidatesRanges) {
  ProgressEntry p;
  EXPECT_EQ(PathsOf(ValidateProgress(p)), (std::vector<std::string>{"/text"}));
  p.text = "ok";
  p.percent = -1;
  EXPECT_EQ(PathsOf(ValidateProgress(p)), (std::vector<std::string>{"/percent"}));
}

TEST(NumberSortKeyTest, OrdersAsPeopleRead) {
  std::vector<std::string> numbers = {"X.1", "III.1", "II.10", "IX.1", "II.3.b", "II.3.a", "III.10.đ",
                                      "III.10.e", "III.10.d", "II.3", "IV.63", "IV.9", "I.3.đ", "V.6"};
  std::sort(numbers.begin(), numbers.end(),
            [](const auto& a, const auto& b) { return NumberSortKey(a) < NumberSortKey(b); });
  EXPECT_EQ(numbers, (std::vector<std::string>{"I.3.đ", "II.3", "II.3.a", "II.3.b", "II.10", "III.1", "III.10.d",
                                               "III.10.đ", "III.10.e", "IV.9", "IV.63", "V.6", "IX.1", "X.1"}));
}

TEST(TaskStatusTest, NamesAndLabels) {
  EXPECT_EQ(ParseTaskStatus("in_progress"), TaskStatus::kInProgress);
  EXPECT_FALSE(ParseTaskStatus("late"));
  EXPECT_STREQ(TaskStatusLabelVi(TaskStatus::kDone), "Đã hoàn thành");
  EXPECT_STREQ(TaskStatusLabelEn(TaskStatus::kPaused), "Paused");
}

}  // namespace
}  // namespace dxgov
