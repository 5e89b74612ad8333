#include "core/board.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

Task Make(std::string section, std::string lead, TaskStatus status, std::optional<Date> due = std::nullopt,
          std::optional<Date> completed = std::nullopt) {
  Task t;
  t.section = std::move(section);
  t.lead.unit_id = std::move(lead);
  t.status = status;
  t.completed_on = completed;
  if (due) {
    Deadline d;
    d.kind = DeadlineKind::kDate;
    d.date = due;
    t.deadline = d;
  }
  return t;
}

TEST(CountTasksTest, CountsBySectionInDocumentOrderByLeadKindAndByLeadMostOverdueFirst) {
  auto reg = testing_units::SmallRegistryPtr();
  const Date today = MakeDate(2022, 6, 10);
  const std::vector<Task> tasks = {
      Make("X", "bo-tttt", TaskStatus::kInProgress, MakeDate(2022, 6, 1)),          // overdue
      Make("II", "tinh-ha-giang", TaskStatus::kNotStarted, MakeDate(2022, 6, 15)),  // due soon
      Make("II", "tinh-ha-giang", TaskStatus::kInProgress, MakeDate(2022, 5, 1)),   // overdue
      Make("IX", "tinh-ha-giang", TaskStatus::kInProgress, MakeDate(2022, 4, 1)),   // overdue
      Make("II", "cac-dia-phuong", TaskStatus::kDone, MakeDate(2022, 3, 1), MakeDate(2022, 3, 5)),
      Make("II", "", TaskStatus::kCancelled),
  };
  const TaskCounts c = CountTasks(tasks, *reg, today, 7);
  EXPECT_EQ(c.all.total, 5);
  EXPECT_EQ(c.all.cancelled, 1);
  EXPECT_EQ(c.all.overdue, 3);
  EXPECT_EQ(c.all.due_soon, 1);
  EXPECT_EQ(c.all.done_late, 1);

  ASSERT_EQ(c.by_section.size(), 3u);  // II < IX < X, as read
  EXPECT_EQ(c.by_section[0].key, "II");
  EXPECT_EQ(c.by_section[0].summary.total, 3);
  EXPECT_EQ(c.by_section[0].summary.cancelled, 1);
  EXPECT_EQ(c.by_section[1].key, "IX");
  EXPECT_EQ(c.by_section[2].key, "X");

  ASSERT_EQ(c.by_lead_kind.size(), 4u);
  EXPECT_EQ(c.by_lead_kind[0].key, "ministry");
  EXPECT_EQ(c.by_lead_kind[1].key, "province");
  EXPECT_EQ(c.by_lead_kind[1].summary.total, 3);
  EXPECT_EQ(c.by_lead_kind[1].summary.overdue, 2);
  EXPECT_EQ(c.by_lead_kind[2].key, "group");
  EXPECT_EQ(c.by_lead_kind[3].key, "none");

  // Hà Giang ended in 2025; judged in 2026 it still counts as a province.
  const TaskCounts later = CountTasks(tasks, *reg, MakeDate(2026, 1, 1), 7);
  EXPECT_EQ(later.by_lead_kind[1].key, "province");

  ASSERT_EQ(c.by_lead.size(), 4u);
  EXPECT_EQ(c.by_lead[0].key, "tinh-ha-giang");
  EXPECT_EQ(c.by_lead[0].summary.overdue, 2);
  EXPECT_EQ(c.by_lead[1].key, "bo-tttt");
}

TEST(CountTasksTest, NoTasksGiveEmptyCounts) {
  auto reg = testing_units::SmallRegistryPtr();
  const TaskCounts c = CountTasks({}, *reg, MakeDate(2022, 1, 1));
  EXPECT_EQ(c.all, TaskSummary{});
  EXPECT_TRUE(c.by_section.empty());
  EXPECT_TRUE(c.by_lead_kind.empty());
  EXPECT_TRUE(c.by_lead.empty());
}

TEST(JudgeUnitTaskTest, AUnitIsJudgedOnItsOwnPartOfAGroupTask) {
  const Date today = MakeDate(2022, 6, 10);
  Task group = Make("II", "cac-dia-phuong", TaskStatus::kInProgress, MakeDate(2022, 6, 30));
  group.progress_percent = 60;
  // The task as a whole is due soon; Hà Giang has finished its part, Tuyên Quang has not.
  TaskAddressee done{"tinh-ha-giang", TaskStatus::kDone, MakeDate(2022, 6, 1), 100};
  TaskAddressee behind{"tinh-tuyen-quang", TaskStatus::kNotStarted, std::nullopt, 0};
  EXPECT_EQ(JudgeUnitTask(group, nullptr, today, 30).timeliness, Timeliness::kDueSoon);
  const UnitTaskState a = JudgeUnitTask(group, &done, today, 30);
  EXPECT_TRUE(a.own_part);
  EXPECT_EQ(a.timeliness, Timeliness::kDoneOnTime);
  EXPECT_EQ(a.progress_percent, 100);
  EXPECT_FALSE(NeedsAction(a));
  const UnitTaskState b = JudgeUnitTask(group, &behind, today, 30);
  EXPECT_EQ(b.timeliness, Timeliness::kDueSoon);
  EXPECT_TRUE(NeedsAction(b));
  EXPECT_EQ(JudgeUnitTask(group, &behind, MakeDate(2022, 7, 1), 30).timeliness, Timeliness::kOverdue);
  // A cancelled task asks nothing of anyone.
  group.status = TaskStatus::kCancelled;
  EXPECT_EQ(JudgeUnitTask(group, &behind, MakeDate(2022, 7, 1), 30).timeliness, std::nullopt);
}

}  // namespace
}  // namespace dxgov
