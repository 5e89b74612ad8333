#include "core/reminder.h"

#include <gtest/gtest.h>

#include "core/test_status.h"

namespace dxgov {
namespace {

using testing_status::PathsOf;

TEST(ReminderStageTest, SevenDaysOneDayDueAndOverdueEscalations) {
  const ReminderPolicy p;  // 7 and 1 days before, the day itself, overdue every 7 days
  const Date due = MakeDate(2022, 6, 30);
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 22), p), std::nullopt);  // 8 days before
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 23), p), (ReminderStage{ReminderKind::kBefore, 7, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 27), p), (ReminderStage{ReminderKind::kBefore, 7, 0}));  // still the 7-day stage
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 29), p), (ReminderStage{ReminderKind::kBefore, 1, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 30), p), (ReminderStage{ReminderKind::kDue, 0, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 7, 1), p), (ReminderStage{ReminderKind::kOverdue, 1, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 7, 7), p), (ReminderStage{ReminderKind::kOverdue, 7, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 7, 8), p), (ReminderStage{ReminderKind::kOverdue, 8, 1}));
  EXPECT_EQ(StageKey(*StageOn(due, MakeDate(2022, 6, 27), p)), "before7");
  EXPECT_EQ(StageKey(*StageOn(due, MakeDate(2022, 7, 8), p)), "overdue1");
}

TEST(ReminderStageTest, PoliciesWithoutTheDueDayOrRepeats) {
  ReminderPolicy p;
  p.days_before = {3};
  p.on_due_day = false;
  p.overdue_repeat_days = 0;
  const Date due = MakeDate(2022, 6, 30);
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 26), p), std::nullopt);
  EXPECT_EQ(StageOn(due, MakeDate(2022, 6, 27), p), (ReminderStage{ReminderKind::kBefore, 3, 0}));
  EXPECT_EQ(StageOn(due, due, p), std::nullopt);
  EXPECT_EQ(StageOn(due, MakeDate(2022, 7, 1), p), (ReminderStage{ReminderKind::kOverdue, 1, 0}));
  EXPECT_EQ(StageOn(due, MakeDate(2022, 7, 2), p), std::nullopt);
}

TEST(ReminderPolicyTest, DaysAreParsedAndChecked) {
  EXPECT_EQ(ParseReminderDays("7,1").value(), (std::vector<int>{7, 1}));
  EXPECT_EQ(ParseReminderDays(" 14 , 3 ").value(), (std::vector<int>{14, 3}));
  EXPECT_EQ(PathsOf(ParseReminderDays("7,x")), (std::vector<std::string>{"/reminder_days"}));
  EXPECT_EQ(PathsOf(ParseReminderDays("")), (std::vector<std::string>{"/reminder_days"}));
  ReminderPolicy p;
  p.days_before = {7, 0, 7};
  p.overdue_repeat_days = -1;
  EXPECT_EQ(PathsOf(ValidateReminderPolicy(p)),
            (std::vector<std::string>{"/days_before/0", "/days_before/1", "/days_before/2", "/overdue_repeat_days"}));
}

User Person(const char* unit, Role role) {
  User u;
  u.unit_id = unit;
  u.roles = {role};
  return u;
}

TEST(ReminderRecipientsTest, EditorsAreRemindedAndApproversOnEscalation) {
  User editor = Person("tp-ha-noi", Role::kUnitEditor);
  User approver = Person("tp-ha-noi", Role::kUnitApprover);
  User viewer = Person("tp-ha-noi", Role::kViewer);
  User elsewhere = Person("tinh-an-giang", Role::kUnitEditor);
  const ReminderStage before{ReminderKind::kBefore, 7, 0}, late{ReminderKind::kOverdue, 1, 0};
  EXPECT_TRUE(RemindsUser(editor, "tp-ha-noi", before));
  EXPECT_FALSE(RemindsUser(approver, "tp-ha-noi", before));
  EXPECT_TRUE(RemindsUser(approver, "tp-ha-noi", late));
  EXPECT_FALSE(RemindsUser(viewer, "tp-ha-noi", late));
  EXPECT_FALSE(RemindsUser(elsewhere, "tp-ha-noi", before));
  editor.disabled = true;
  EXPECT_FALSE(RemindsUser(editor, "tp-ha-noi", before));
}

TEST(ReminderKeyTest, NamesTheItemItsDueDateAndStage) {
  ReminderItem item;
  item.kind = "task";
  item.ref_id = 65;
  item.unit_id = "tp-ha-noi";
  item.due = MakeDate(2022, 6, 30);
  item.stage = {ReminderKind::kBefore, 7, 0};
  EXPECT_EQ(ReminderKey(item), "task:65:tp-ha-noi:2022-06-30:before7");
  EXPECT_EQ(RetryDelaySeconds(1), 60);
  EXPECT_EQ(RetryDelaySeconds(3), 240);
  EXPECT_EQ(RetryDelaySeconds(20), 3600);
}

}  // namespace
}  // namespace dxgov
