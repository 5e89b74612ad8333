#include "core/cascade.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

PlanDuty ProvincesByQ1(int year) {
  PlanDuty d;
  d.respondent = "cac-dia-phuong";
  d.what = "ban hành Kế hoạch hoạt động năm " + std::to_string(year);
  d.due.kind = DeadlineKind::kQuarter;
  d.due.quarter = 1;
  d.due.year = year;
  d.year = year;
  return d;
}

ChildPlan Issued(int64_t id, std::string issuer, std::optional<Date> on, int year = 2022) {
  ChildPlan p;
  p.id = id;
  p.issuer_id = std::move(issuer);
  p.decision_date = on;
  p.period_from = MakeDate(year, 1, 1);
  p.period_to = MakeDate(year, 12, 31);
  return p;
}

struct Row {
  std::string unit;
  RegistrationState state;
  std::optional<int64_t> plan;
  bool operator==(const Row&) const = default;
};

std::vector<Row> Rows(const std::vector<Registration>& rs) {
  std::vector<Row> out;
  for (const auto& r : rs) out.push_back({r.unit_id, r.state, r.plan_id});
  return out;
}

void PrintTo(const Row& r, std::ostream* os) {
  *os << r.unit << ":" << RegistrationStateName(r.state) << ":" << (r.plan ? std::to_string(*r.plan) : "-");
}

TEST(JudgeRegistrationsTest, EveryProvinceOfTheDueDateInNameOrderWithItsState) {
  auto reg = testing_units::SmallRegistryPtr();
  const std::vector<ChildPlan> plans = {Issued(7, "tinh-ha-giang", MakeDate(2022, 3, 20)),
                                        Issued(8, "tinh-tuyen-quang", MakeDate(2022, 4, 10))};
  EXPECT_EQ(Rows(JudgeRegistrations(ProvincesByQ1(2022), plans, *reg, MakeDate(2022, 5, 1))),
            (std::vector<Row>{{"tinh-ha-giang", RegistrationState::kOnTime, 7},
                              {"tinh-thua-thien-hue", RegistrationState::kMissing, std::nullopt},
                              {"tinh-tuyen-quang", RegistrationState::kLate, 8}}));
  // Before the deadline a missing plan is not yet due.
  EXPECT_EQ(JudgeRegistrations(ProvincesByQ1(2022), plans, *reg, MakeDate(2022, 3, 31))[1].state,
            RegistrationState::kNotDue);
}

TEST(JudgeRegistrationsTest, TheDueDayItselfIsOnTime) {
  auto reg = testing_units::SmallRegistryPtr();
  auto rs = JudgeRegistrations(ProvincesByQ1(2022), {Issued(7, "tinh-ha-giang", MakeDate(2022, 3, 31))}, *reg,
                               MakeDate(2022, 12, 1));
  EXPECT_EQ(rs[0].state, RegistrationState::kOnTime);
  EXPECT_EQ(rs[0].issued_on, MakeDate(2022, 3, 31));
}

TEST(JudgeRegistrationsTest, APlanWithoutDecisionDateIsBeingDraftedAndAnIssuedOneCountsFirst) {
  auto reg = testing_units::SmallRegistryPtr();
  const std::vector<ChildPlan> plans = {Issued(3, "tinh-ha-giang", std::nullopt),
                                        Issued(9, "tinh-ha-giang", MakeDate(2022, 5, 2)),
                                        Issued(4, "tinh-ha-giang", MakeDate(2022, 6, 1))};
  auto rs = JudgeRegistrations(ProvincesByQ1(2022), {plans[0]}, *reg, MakeDate(2022, 5, 1));
  EXPECT_EQ(rs[0].state, RegistrationState::kDrafting);
  EXPECT_EQ(rs[0].plan_id, 3);
  rs = JudgeRegistrations(ProvincesByQ1(2022), plans, *reg, MakeDate(2022, 7, 1));
  EXPECT_EQ(rs[0].state, RegistrationState::kLate);
  EXPECT_EQ(rs[0].plan_id, 9);
  EXPECT_EQ(rs[0].other_plan_ids, (std::vector<int64_t>{4, 3}));
}

TEST(JudgeRegistrationsTest, APlanForAnotherYearDoesNotCount) {
  auto reg = testing_units::SmallRegistryPtr();
  auto rs = JudgeRegistrations(ProvincesByQ1(2022), {Issued(7, "tinh-ha-giang", MakeDate(2021, 12, 20), 2021)}, *reg,
                               MakeDate(2022, 5, 1));
  EXPECT_EQ(rs[0].state, RegistrationState::kMissing);
  PlanDuty any = ProvincesByQ1(2022);
  any.year = 0;
  rs = JudgeRegistrations(any, {Issued(7, "tinh-ha-giang", MakeDate(2021, 12, 20), 2021)}, *reg, MakeDate(2022, 5, 1));
  EXPECT_EQ(rs[0].state, RegistrationState::kOnTime);
}

TEST(JudgeRegistrationsTest, AMergedProvinceAndItsCommunesSpeakForThePredecessors) {
  auto reg = testing_units::SmallRegistryPtr();
  // Due on 2025-03-31: Hà Giang and Tuyên Quang still exist; both merged into the new
  // Tuyên Quang on 2025-07-01, whose plan (or a commune's below it) answers for both.
  const std::vector<ChildPlan> by_successor = {Issued(20, "tinh-tuyen-quang-2025", MakeDate(2025, 8, 1), 2025)};
  auto rs = JudgeRegistrations(ProvincesByQ1(2025), by_successor, *reg, MakeDate(2025, 9, 1));
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].unit_id, "tinh-ha-giang");
  EXPECT_EQ(rs[0].state, RegistrationState::kLate);
  EXPECT_EQ(rs[1].unit_id, "tinh-thua-thien-hue");  // a city by then: "Huế" sorts before "Tuyên Quang"
  EXPECT_EQ(rs[1].state, RegistrationState::kMissing);
  EXPECT_EQ(rs[2].unit_id, "tinh-tuyen-quang");
  EXPECT_EQ(rs[2].plan_id, 20);

  const std::vector<ChildPlan> by_commune = {Issued(21, "xa-2025-00001", MakeDate(2025, 8, 2), 2025)};
  rs = JudgeRegistrations(ProvincesByQ1(2025), by_commune, *reg, MakeDate(2025, 9, 1));
  EXPECT_EQ(rs[0].plan_id, 21);
  EXPECT_EQ(rs[2].plan_id, 21);
}

TEST(JudgeRegistrationsTest, AnotherUnitsPlanNeverCounts) {
  auto reg = testing_units::SmallRegistryPtr();
  auto rs = JudgeRegistrations(ProvincesByQ1(2022), {Issued(7, "bo-tttt", MakeDate(2022, 3, 1))}, *reg,
                               MakeDate(2022, 5, 1));
  for (const auto& r : rs) EXPECT_EQ(r.state, RegistrationState::kMissing) << r.unit_id;
}

TEST(ValidatePlanDutyTest, NeedsARespondentAndAFixedDeadline) {
  PlanDuty d = ProvincesByQ1(2022);
  EXPECT_TRUE(ValidatePlanDuty(d, "/duties/0").ok());
  d.respondent = "Các địa phương";
  d.due = Deadline{};
  d.due.kind = DeadlineKind::kOwnPlan;
  d.year = 3000;
  auto s = ValidatePlanDuty(d, "/duties/0");
  ASSERT_FALSE(s.ok());
  std::vector<std::string> paths;
  for (const auto& f : s.error().fields()) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/duties/0/respondent", "/duties/0/due", "/duties/0/year"}));
}

TEST(ValidatePlanDutyTest, APlanNamesItsBadDuty) {
  Plan p;
  p.title = "Kế hoạch";
  p.kind = "plan";
  p.duties = {ProvincesByQ1(2022), ProvincesByQ1(2022)};
  p.duties[1].respondent = "";
  auto s = ValidatePlan(p);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].path, "/duties/1/respondent");
}

Task WithStatus(TaskStatus s, int percent, std::optional<Date> due = std::nullopt,
                std::optional<Date> completed = std::nullopt) {
  Task t;
  t.status = s;
  t.progress_percent = percent;
  t.completed_on = completed;
  if (due) {
    Deadline d;
    d.kind = DeadlineKind::kDate;
    d.date = due;
    t.deadline = d;
  }
  return t;
}

TEST(SummariseTasksTest, CountsStatusesAndTimelinessAndAveragesProgressLeavingCancelledOut) {
  const Date today = MakeDate(2022, 6, 10);
  const std::vector<Task> tasks = {
      WithStatus(TaskStatus::kDone, 40, MakeDate(2022, 5, 1), MakeDate(2022, 5, 3)),  // done late: counts 100
      WithStatus(TaskStatus::kInProgress, 50, MakeDate(2022, 6, 1)),                  // overdue
      WithStatus(TaskStatus::kNotStarted, 0, MakeDate(2022, 6, 20)),                  // due soon
      WithStatus(TaskStatus::kPaused, 30),
      WithStatus(TaskStatus::kCancelled, 90, MakeDate(2022, 1, 1)),
  };
  TaskSummary s = SummariseTasks(tasks, today, 14);
  EXPECT_EQ(s.total, 4);
  EXPECT_EQ(s.cancelled, 1);
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.in_progress, 1);
  EXPECT_EQ(s.not_started, 1);
  EXPECT_EQ(s.paused, 1);
  EXPECT_EQ(s.overdue, 1);
  EXPECT_EQ(s.due_soon, 1);
  EXPECT_EQ(s.done_late, 1);
  EXPECT_EQ(s.progress_percent, 45);  // (100 + 50 + 0 + 30) / 4
  EXPECT_EQ(SummariseTasks({}, today), TaskSummary{});
}

}  // namespace
}  // namespace dxgov
